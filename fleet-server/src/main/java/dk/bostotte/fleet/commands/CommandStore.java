package dk.bostotte.fleet.commands;

import static dk.bostotte.fleet.db.jooq.Tables.COMMAND;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_CONFIG;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.db.jooq.tables.records.CommandRecord;
import dk.bostotte.protocol.message.CommandType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** The {@code command} table. Results from devices are written by the ingest; this issues and reads. Blocking. */
public final class CommandStore {

    static final String QUEUED = "queued";
    static final String DELIVERED = "delivered";
    static final String EXPIRED = "expired";

    private final DSLContext dsl;
    private final ObjectMapper json;

    public CommandStore(DSLContext dsl, ObjectMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    CommandView insert(UUID id, String device, String type, Map<String, String> params, String who, Instant at,
                       Instant expires) {
        return view(dsl.insertInto(COMMAND).set(COMMAND.ID, id).set(COMMAND.DEVICE_ID, device).set(COMMAND.TYPE, type)
                .set(COMMAND.PARAMS, JSONB.valueOf(write(params))).set(COMMAND.ISSUED_BY, who)
                .set(COMMAND.ISSUED_AT, odt(at)).set(COMMAND.EXPIRES_AT, odt(expires)).set(COMMAND.UPDATED_AT, odt(at))
                .returning().fetchOne());
    }

    public Optional<CommandView> find(UUID id) {
        return dsl.selectFrom(COMMAND).where(COMMAND.ID.eq(id)).fetchOptional().map(this::view);
    }

    /** The device's newest commands first. */
    public List<CommandView> ofDevice(String device, int limit) {
        return dsl.selectFrom(COMMAND).where(COMMAND.DEVICE_ID.eq(device))
                .orderBy(COMMAND.ISSUED_AT.desc()).limit(limit).fetch(this::view);
    }

    /**
     * Commands still waiting for the device to say it has them, oldest first. Never set-config
     * (the retained config carries it), even a queued row an older server left behind.
     */
    List<CommandView> queued(String device, Instant now) {
        return dsl.selectFrom(COMMAND).where(COMMAND.DEVICE_ID.eq(device)).and(COMMAND.STATE.eq(QUEUED))
                .and(COMMAND.TYPE.ne(CommandType.SET_CONFIG.wire()))
                .and(COMMAND.EXPIRES_AT.gt(odt(now))).orderBy(COMMAND.ISSUED_AT).fetch(this::view);
    }

    /** Devices with queued, unexpired commands. */
    List<String> devicesWithQueued(Instant now) {
        return dsl.selectDistinct(COMMAND.DEVICE_ID).from(COMMAND).where(COMMAND.STATE.eq(QUEUED))
                .and(COMMAND.TYPE.ne(CommandType.SET_CONFIG.wire()))
                .and(COMMAND.EXPIRES_AT.gt(odt(now))).fetch(COMMAND.DEVICE_ID);
    }

    /** Queued or delivered commands past their expiry become expired; returns them. */
    List<CommandView> expire(Instant now) {
        return dsl.update(COMMAND).set(COMMAND.STATE, EXPIRED).set(COMMAND.UPDATED_AT, odt(now))
                .set(COMMAND.DETAIL, "not finished before it expired")
                .where(COMMAND.STATE.in(QUEUED, DELIVERED)).and(COMMAND.EXPIRES_AT.le(odt(now)))
                .returning().fetch(this::view);
    }

    /** The device's desired settings as last pushed (revision 0 and empty settings if never). */
    record Desired(long revision, Map<String, Object> settings) {
    }

    Desired desired(String device) {
        return desired(dsl, device);
    }

    private Desired desired(DSLContext dsl, String device) {
        var r = dsl.selectFrom(DEVICE_CONFIG).where(DEVICE_CONFIG.DEVICE_ID.eq(device)).fetchOne();
        if (r == null) {
            return new Desired(0, Map.of());
        }
        try {
            return new Desired(r.getDesiredRevision(), json.readValue(r.getDesired().data(),
                    new TypeReference<Map<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            return new Desired(r.getDesiredRevision(), Map.of());
        }
    }

    /** A set-config command as stored, with the config revision it made. */
    record ConfigPush(CommandView command, long revision, Map<String, Object> settings) {
    }

    /**
     * Stores a set-config command together with the device's next desired config, in one
     * transaction: the command is {@code delivered} with its revision from the start, so the queue
     * never offers it for the command topic (a device does not run settings as a command), and two
     * pushes at once for one device get different revisions (the device row is locked).
     */
    ConfigPush insertConfig(UUID id, String device, Map<String, String> params, UnaryOperator<Map<String, Object>> change,
                            String who, Instant at, Instant expires) {
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            t.select(DEVICE.ID).from(DEVICE).where(DEVICE.ID.eq(device)).forUpdate().fetch();
            Desired old = desired(t, device);
            Map<String, Object> settings = change.apply(new LinkedHashMap<>(old.settings()));
            long revision = old.revision() + 1;
            JSONB desired = JSONB.valueOf(write(settings));
            t.insertInto(DEVICE_CONFIG).set(DEVICE_CONFIG.DEVICE_ID, device).set(DEVICE_CONFIG.DESIRED_REVISION, revision)
                    .set(DEVICE_CONFIG.DESIRED, desired).onConflict(DEVICE_CONFIG.DEVICE_ID).doUpdate()
                    .set(DEVICE_CONFIG.DESIRED_REVISION, revision).set(DEVICE_CONFIG.DESIRED, desired).execute();
            CommandView c = view(t.insertInto(COMMAND).set(COMMAND.ID, id).set(COMMAND.DEVICE_ID, device)
                    .set(COMMAND.TYPE, CommandType.SET_CONFIG.wire()).set(COMMAND.PARAMS, JSONB.valueOf(write(params)))
                    .set(COMMAND.ISSUED_BY, who).set(COMMAND.ISSUED_AT, odt(at)).set(COMMAND.EXPIRES_AT, odt(expires))
                    .set(COMMAND.STATE, DELIVERED).set(COMMAND.CONFIG_REVISION, revision)
                    .set(COMMAND.DETAIL, "config revision " + revision + " published").set(COMMAND.UPDATED_AT, odt(at))
                    .returning().fetchOne());
            return new ConfigPush(c, revision, settings);
        });
    }

    /** Finishes the set-config commands of the device up to {@code revision}: done if applied, else failed. */
    int configReported(String device, long revision, boolean applied, String error, Instant at) {
        return dsl.update(COMMAND).set(COMMAND.STATE, applied ? "done" : "failed")
                .set(COMMAND.DETAIL, applied ? "the device applied config revision " + revision
                        : "the device refused config revision " + revision + ": " + error)
                .set(COMMAND.UPDATED_AT, odt(at))
                .where(COMMAND.DEVICE_ID.eq(device)).and(COMMAND.TYPE.eq("set-config")).and(COMMAND.STATE.eq(DELIVERED))
                .and(COMMAND.CONFIG_REVISION.le(revision)).execute();
    }

    private CommandView view(CommandRecord r) {
        return new CommandView(r.getId().toString(), r.getDeviceId(), r.getType(), read(r.getParams()), r.getState(),
                r.getDetail(), r.getIssuedBy(), r.getIssuedAt().toInstant(), r.getExpiresAt().toInstant(),
                r.getUpdatedAt().toInstant());
    }

    private String write(Map<String, ?> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, String> read(JSONB params) {
        try {
            return params == null ? Map.of() : json.readValue(params.data(), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
