package dk.bostotte.fleet.ingest;

import static dk.bostotte.fleet.db.jooq.Tables.COMMAND;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_CONFIG;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_STATUS;
import static dk.bostotte.fleet.db.jooq.Tables.REJECTED_MESSAGE;
import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.protocol.message.DeviceStatus;
import dk.bostotte.protocol.message.NetworkSample;
import java.lang.reflect.Array;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;

/** The SQL of the ingest: how each kind of {@link WriteOp} lands in PostgreSQL, set-wise per batch. */
final class IngestStore {

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
        writeLastSeen(tx, lastSeen);
        return inserted;
    }

    /**
     * One statement per batch, whatever its size: the columns go as arrays and PostgreSQL unnests
     * them; a resent sample is a no-op through the primary key. The arrays are typed Java arrays,
     * which the driver sends in PostgreSQL's binary form: rendering them as text array literals
     * (every timestamp and number formatted, every string escaped) was most of the writer's CPU.
     */
    private int writeTelemetry(DSLContext tx, List<WriteOp.Telemetry> batches) {
        int n = batches.stream().mapToInt(t -> t.samples().size()).sum();
        if (n == 0) {
            return 0;
        }
        Object[] arrays = new Object[TELEMETRY_COLUMNS.size()];
        for (int c = 0; c < arrays.length; c++) {
            arrays[c] = Array.newInstance(TELEMETRY_COLUMNS.get(c).type().javaType, n);
        }
        int i = 0;
        for (WriteOp.Telemetry t : batches) {
            for (NetworkSample s : t.samples()) {
                for (int c = 0; c < arrays.length; c++) {
                    ((Object[]) arrays[c])[i] = TELEMETRY_COLUMNS.get(c).value().apply(t, s);
                }
                i++;
            }
        }
        return tx.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_TELEMETRY)) {
                for (int col = 0; col < arrays.length; col++) {
                    ps.setObject(col + 1, arrays[col]);
                }
                return ps.executeUpdate();
            }
        });
    }

    /** How a column travels: the Java element type the driver sends in binary, and its SQL array type. */
    private enum ColumnType {
        TEXT(String.class, "text"), INT4(Integer.class, "int4"), INT8(Long.class, "int8"), FLOAT4(Float.class, "float4"),
        /** Microseconds since the epoch, turned into a timestamptz by the statement. */
        TIMESTAMPTZ(Long.class, "int8");

        final Class<?> javaType;
        final String sqlArrayElement;

        ColumnType(Class<?> javaType, String sqlArrayElement) {
            this.javaType = javaType;
            this.sqlArrayElement = sqlArrayElement;
        }

        String select(String column) {
            return this == TIMESTAMPTZ ? "'epoch'::timestamptz + " + column + " * interval '1 microsecond'" : column;
        }
    }

    /** A telemetry column, how it travels and where its value comes from. */
    private record SampleColumn(Field<?> field, ColumnType type,
                                BiFunction<WriteOp.Telemetry, NetworkSample, Object> value) {
    }

    private static final List<SampleColumn> TELEMETRY_COLUMNS = List.of(
            new SampleColumn(TELEMETRY.DEVICE_ID, ColumnType.TEXT, (t, s) -> t.device().value()),
            new SampleColumn(TELEMETRY.SEQ, ColumnType.INT8, (t, s) -> s.seq()),
            new SampleColumn(TELEMETRY.SAMPLED_AT, ColumnType.TIMESTAMPTZ, (t, s) -> micros(s.at())),
            new SampleColumn(TELEMETRY.RECEIVED_AT, ColumnType.TIMESTAMPTZ, (t, s) -> micros(t.receivedAt())),
            new SampleColumn(TELEMETRY.LINK, ColumnType.TEXT, (t, s) -> s.link().wire()),
            new SampleColumn(TELEMETRY.RTT_MS, ColumnType.FLOAT4, (t, s) -> f(s.rttMs())),
            new SampleColumn(TELEMETRY.JITTER_MS, ColumnType.FLOAT4, (t, s) -> f(s.jitterMs())),
            new SampleColumn(TELEMETRY.LOSS_PCT, ColumnType.FLOAT4, (t, s) -> f(s.lossPct())),
            new SampleColumn(TELEMETRY.DOWN_MBPS, ColumnType.FLOAT4, (t, s) -> f(s.downMbps())),
            new SampleColumn(TELEMETRY.UP_MBPS, ColumnType.FLOAT4, (t, s) -> f(s.upMbps())),
            new SampleColumn(TELEMETRY.SIGNAL_DBM, ColumnType.INT4, (t, s) -> s.signalDbm()),
            new SampleColumn(TELEMETRY.RTT_MIN_MS, ColumnType.FLOAT4, (t, s) -> f(s.rttMinMs())),
            new SampleColumn(TELEMETRY.RTT_P95_MS, ColumnType.FLOAT4, (t, s) -> f(s.rttP95Ms())),
            new SampleColumn(TELEMETRY.BYTES_USED, ColumnType.INT8, (t, s) -> s.bytesUsed()),
            new SampleColumn(TELEMETRY.SKIPPED, ColumnType.TEXT, (t, s) -> s.skipped() == null ? null : s.skipped().wire()),
            new SampleColumn(TELEMETRY.WIFI_BITRATE_MBPS, ColumnType.FLOAT4, (t, s) -> s.radio() == null ? null : f(s.radio().wifiBitrateMbps())),
            new SampleColumn(TELEMETRY.CELL_TECH, ColumnType.TEXT, (t, s) -> s.radio() == null ? null : s.radio().cellTech()),
            new SampleColumn(TELEMETRY.RSRP_DBM, ColumnType.FLOAT4, (t, s) -> s.radio() == null ? null : f(s.radio().rsrpDbm())),
            new SampleColumn(TELEMETRY.RSRQ_DB, ColumnType.FLOAT4, (t, s) -> s.radio() == null ? null : f(s.radio().rsrqDb())),
            new SampleColumn(TELEMETRY.SINR_DB, ColumnType.FLOAT4, (t, s) -> s.radio() == null ? null : f(s.radio().sinrDb())));

    private static Long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }

    /**
     * One set-based UPDATE for every device heard from in the batch, not one statement each; its
     * arrays travel in binary like the telemetry's.
     */
    private static void writeLastSeen(DSLContext tx, Map<String, Instant> lastSeen) {
        if (lastSeen.isEmpty()) {
            return;
        }
        String[] ids = lastSeen.keySet().toArray(String[]::new);
        Long[] at = lastSeen.values().stream().map(IngestStore::micros).toArray(Long[]::new);
        tx.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE_LAST_SEEN)) {
                ps.setObject(1, ids);
                ps.setObject(2, at);
                return ps.executeUpdate();
            }
        });
    }

    private static final String UPDATE_LAST_SEEN = "UPDATE " + DEVICE.getName() + " d SET " + DEVICE.LAST_SEEN.getName()
            + " = v.at FROM (SELECT id, " + ColumnType.TIMESTAMPTZ.select("at_us") + " AS at FROM unnest(?::"
            + ColumnType.TEXT.sqlArrayElement + "[], ?::" + ColumnType.TIMESTAMPTZ.sqlArrayElement + "[]) AS u(id, at_us)) AS v"
            + " WHERE d." + DEVICE.ID.getName() + " = v.id AND (d." + DEVICE.LAST_SEEN.getName() + " IS NULL OR d."
            + DEVICE.LAST_SEEN.getName() + " < v.at)";

    private static final String INSERT_TELEMETRY = "INSERT INTO " + TELEMETRY.getName() + " ("
            + String.join(", ", TELEMETRY_COLUMNS.stream().map(c -> c.field().getName()).toList()) + ") SELECT "
            + String.join(", ", TELEMETRY_COLUMNS.stream().map(c -> c.type().select("v." + c.field().getName())).toList())
            + " FROM unnest(" + String.join(", ", TELEMETRY_COLUMNS.stream().map(c -> "?::" + c.type().sqlArrayElement + "[]").toList())
            + ") AS v(" + String.join(", ", TELEMETRY_COLUMNS.stream().map(c -> c.field().getName()).toList())
            + ") ON CONFLICT DO NOTHING";

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
        byte[] kept = r.payload().length > 4096 ? Arrays.copyOf(r.payload(), 4096) : r.payload();
        tx.insertInto(REJECTED_MESSAGE).set(REJECTED_MESSAGE.CLIENT_ID, r.device().value()).set(REJECTED_MESSAGE.TOPIC, r.topic())
                .set(REJECTED_MESSAGE.REASON, r.reason()).set(REJECTED_MESSAGE.DETAIL, r.detail())
                .set(REJECTED_MESSAGE.PAYLOAD, kept).set(REJECTED_MESSAGE.RECEIVED_AT, odt(r.receivedAt())).execute();
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
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
