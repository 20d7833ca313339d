package dk.bostotte.fleet.ingest;

import static dk.bostotte.fleet.db.jooq.Tables.COMMAND;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_CONFIG;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_STATUS;
import static dk.bostotte.fleet.db.jooq.Tables.REJECTED_MESSAGE;
import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.protocol.message.DeviceStatus;
import dk.bostotte.protocol.message.NetworkSample;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** The SQL of the ingest: how each kind of {@link WriteOp} lands in PostgreSQL, set-wise per batch. */
final class IngestStore {

    /** Rows per INSERT statement; 11 columns each keeps the bind count under PostgreSQL's limit. */
    private static final int TELEMETRY_ROWS_PER_STATEMENT = 2000;

    private final ObjectMapper json;

    IngestStore(ObjectMapper json) {
        this.json = json;
    }

    /** Writes a batch in one transaction; returns the number of telemetry rows actually inserted. */
    int write(DSLContext tx, List<WriteOp> ops) {
        int inserted = 0;
        List<WriteOp.Telemetry> telemetry = new ArrayList<>();
        Map<String, WriteOp.Status> latestStatus = new LinkedHashMap<>();
        Map<String, Instant> lastSeen = new LinkedHashMap<>();
        for (WriteOp op : ops) {
            if (op instanceof WriteOp.Telemetry t) {
                telemetry.add(t);
            } else if (op instanceof WriteOp.Status s) {
                latestStatus.merge(s.device().value(), s, (a, b) -> b.status().at().isBefore(a.status().at()) ? a : b);
            } else if (op instanceof WriteOp.State s) {
                writeState(tx, s);
            } else if (op instanceof WriteOp.Presence p) {
                writePresence(tx, p);
            } else if (op instanceof WriteOp.Result r) {
                writeResult(tx, r);
            } else if (op instanceof WriteOp.ConfigReport c) {
                writeConfig(tx, c);
            } else if (op instanceof WriteOp.Rejection r) {
                writeRejection(tx, r);
            }
            if (!(op instanceof WriteOp.Presence) && !(op instanceof WriteOp.Rejection)) {
                lastSeen.merge(op.device().value(), op.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        inserted += writeTelemetry(tx, telemetry);
        latestStatus.values().forEach(s -> writeStatus(tx, s));
        lastSeen.forEach((id, at) -> tx.update(DEVICE).set(DEVICE.LAST_SEEN, odt(at)).where(DEVICE.ID.eq(id))
                .and(DEVICE.LAST_SEEN.isNull().or(DEVICE.LAST_SEEN.lt(odt(at)))).execute());
        return inserted;
    }

    private int writeTelemetry(DSLContext tx, List<WriteOp.Telemetry> batches) {
        int inserted = 0;
        var insert = newTelemetryInsert(tx);
        int rows = 0;
        for (WriteOp.Telemetry t : batches) {
            for (NetworkSample s : t.samples()) {
                insert = insert.values(t.device().value(), s.seq(), odt(s.at()), odt(t.receivedAt()), s.link().wire(),
                        f(s.rttMs()), f(s.jitterMs()), f(s.lossPct()), f(s.downMbps()), f(s.upMbps()), s.signalDbm());
                if (++rows == TELEMETRY_ROWS_PER_STATEMENT) {
                    inserted += insert.onConflictDoNothing().execute();
                    insert = newTelemetryInsert(tx);
                    rows = 0;
                }
            }
        }
        if (rows > 0) {
            inserted += insert.onConflictDoNothing().execute();
        }
        return inserted;
    }

    private static org.jooq.InsertValuesStep11<dk.bostotte.fleet.db.jooq.tables.records.TelemetryRecord, String, Long,
            OffsetDateTime, OffsetDateTime, String, Float, Float, Float, Float, Float, Integer> newTelemetryInsert(DSLContext tx) {
        return tx.insertInto(TELEMETRY, TELEMETRY.DEVICE_ID, TELEMETRY.SEQ, TELEMETRY.SAMPLED_AT, TELEMETRY.RECEIVED_AT,
                TELEMETRY.LINK, TELEMETRY.RTT_MS, TELEMETRY.JITTER_MS, TELEMETRY.LOSS_PCT, TELEMETRY.DOWN_MBPS,
                TELEMETRY.UP_MBPS, TELEMETRY.SIGNAL_DBM);
    }

    private void writeStatus(DSLContext tx, WriteOp.Status op) {
        DeviceStatus s = op.status();
        var rec = tx.newRecord(DEVICE_STATUS);
        rec.setDeviceId(op.device().value()).setReportedAt(odt(s.at())).setReceivedAt(odt(op.receivedAt()))
                .setAppVersion(s.appVersion()).setUptimeS(s.uptimeS()).setCpuTempC(f(s.cpuTempC())).setThrottled(s.throttled())
                .setMemTotalMb(s.memTotalMb()).setMemAvailableMb(s.memAvailableMb()).setDiskTotalMb(s.diskTotalMb())
                .setDiskFreeMb(s.diskFreeMb()).setCamera(s.camera()).setMicrophone(s.microphone()).setSpeaker(s.speaker())
                .setScreen(s.screen());
        tx.insertInto(DEVICE_STATUS).set(rec).onConflict(DEVICE_STATUS.DEVICE_ID).doUpdate().set(rec)
                .where(DEVICE_STATUS.REPORTED_AT.le(odt(s.at()))).execute();
        tx.update(DEVICE).set(DEVICE.APP_VERSION, s.appVersion()).where(DEVICE.ID.eq(op.device().value())).execute();
    }

    private void writeState(DSLContext tx, WriteOp.State op) {
        DeviceState s = op.state();
        if (s.appVersion() != null) {
            tx.update(DEVICE).set(DEVICE.APP_VERSION, s.appVersion()).where(DEVICE.ID.eq(op.device().value())).execute();
        }
    }

    private void writePresence(DSLContext tx, WriteOp.Presence p) {
        var update = tx.update(DEVICE).set(DEVICE.ONLINE, p.online()).set(DEVICE.LAST_SEEN, odt(p.receivedAt()));
        (p.online() ? update.set(DEVICE.CONNECTED_AT, odt(p.receivedAt())) : update).where(DEVICE.ID.eq(p.device().value())).execute();
    }

    private void writeResult(DSLContext tx, WriteOp.Result op) {
        CommandResult r = op.result();
        UUID id;
        try {
            id = UUID.fromString(r.id());
        } catch (IllegalArgumentException e) {
            return; // not one of ours: nothing to update
        }
        String state = r.outcome() == CommandResult.Outcome.RECEIVED ? "delivered"
                : r.outcome() == CommandResult.Outcome.DONE ? "done" : "failed";
        var update = tx.update(COMMAND).set(COMMAND.STATE, state).set(COMMAND.DETAIL, r.detail())
                .set(COMMAND.UPDATED_AT, odt(op.receivedAt()))
                .where(COMMAND.ID.eq(id)).and(COMMAND.DEVICE_ID.eq(op.device().value()));
        // A late "received" must not undo a final outcome.
        (r.outcome() == CommandResult.Outcome.RECEIVED ? update.and(COMMAND.STATE.eq("queued")) : update).execute();
    }

    private void writeConfig(DSLContext tx, WriteOp.ConfigReport op) {
        JSONB reported = JSONB.valueOf(toJson(op.config().settings()));
        tx.insertInto(DEVICE_CONFIG).set(DEVICE_CONFIG.DEVICE_ID, op.device().value())
                .set(DEVICE_CONFIG.REPORTED_REVISION, op.config().revision()).set(DEVICE_CONFIG.REPORTED, reported)
                .set(DEVICE_CONFIG.REPORTED_APPLIED, op.config().applied()).set(DEVICE_CONFIG.REPORTED_ERROR, op.config().error())
                .set(DEVICE_CONFIG.REPORTED_AT, odt(op.receivedAt()))
                .onConflict(DEVICE_CONFIG.DEVICE_ID).doUpdate()
                .set(DEVICE_CONFIG.REPORTED_REVISION, op.config().revision()).set(DEVICE_CONFIG.REPORTED, reported)
                .set(DEVICE_CONFIG.REPORTED_APPLIED, op.config().applied()).set(DEVICE_CONFIG.REPORTED_ERROR, op.config().error())
                .set(DEVICE_CONFIG.REPORTED_AT, odt(op.receivedAt())).execute();
    }

    private void writeRejection(DSLContext tx, WriteOp.Rejection r) {
        byte[] kept = r.payload().length > 4096 ? java.util.Arrays.copyOf(r.payload(), 4096) : r.payload();
        tx.insertInto(REJECTED_MESSAGE).set(REJECTED_MESSAGE.CLIENT_ID, r.device().value()).set(REJECTED_MESSAGE.TOPIC, r.topic())
                .set(REJECTED_MESSAGE.REASON, r.reason()).set(REJECTED_MESSAGE.DETAIL, r.detail())
                .set(REJECTED_MESSAGE.PAYLOAD, kept).set(REJECTED_MESSAGE.RECEIVED_AT, odt(r.receivedAt())).execute();
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Float f(Double d) {
        return d == null ? null : d.floatValue();
    }
}
