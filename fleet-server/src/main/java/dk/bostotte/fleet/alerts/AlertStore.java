package dk.bostotte.fleet.alerts;

import static dk.bostotte.fleet.db.jooq.Tables.ALERT;

import dk.bostotte.fleet.db.jooq.tables.records.AlertRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;


/** The {@code alert} table. Blocking: call off the event loop. */
public final class AlertStore {

    private final DSLContext dsl;

    public AlertStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Pending and open alerts of a kind, by device. */
    Map<String, Alert> live(AlertKind kind) {
        return dsl.selectFrom(ALERT).where(ALERT.KIND.eq(kind.wire()))
                .and(ALERT.STATE.in(Alert.PENDING, Alert.OPEN)).fetch(AlertStore::alert).stream()
                .collect(Collectors.toMap(Alert::deviceId, a -> a));
    }

    void pending(String device, AlertKind kind, Instant since, String detail) {
        // The partial unique index keeps one live alert per device and kind, whatever races.
        dsl.insertInto(ALERT).set(ALERT.DEVICE_ID, device).set(ALERT.KIND, kind.wire()).set(ALERT.STATE, Alert.PENDING)
                .set(ALERT.SINCE, odt(since)).set(ALERT.DETAIL, detail).onConflictDoNothing().execute();
    }

    void open(long id, Instant at, String detail) {
        dsl.update(ALERT).set(ALERT.STATE, Alert.OPEN).set(ALERT.RAISED_AT, odt(at)).set(ALERT.DETAIL, detail)
                .where(ALERT.ID.eq(id)).and(ALERT.STATE.eq(Alert.PENDING)).execute();
    }

    void clear(long id, Instant at) {
        dsl.update(ALERT).set(ALERT.STATE, Alert.CLEARED).set(ALERT.CLEARED_AT, odt(at))
                .where(ALERT.ID.eq(id)).and(ALERT.STATE.eq(Alert.OPEN)).execute();
    }

    void forget(long id) {
        dsl.deleteFrom(ALERT).where(ALERT.ID.eq(id)).and(ALERT.STATE.eq(Alert.PENDING)).execute();
    }

    /** Marks a raised, unacknowledged alert as seen by {@code who}; empty if there is no such alert. */
    Optional<Alert> acknowledge(long id, String who, Instant at) {
        return dsl.update(ALERT).set(ALERT.ACKNOWLEDGED_BY, who).set(ALERT.ACKNOWLEDGED_AT, odt(at))
                .where(ALERT.ID.eq(id)).and(ALERT.RAISED_AT.isNotNull()).and(ALERT.ACKNOWLEDGED_BY.isNull())
                .returning().fetchOptional().map(AlertStore::alert);
    }

    public Optional<Alert> find(long id) {
        return dsl.selectFrom(ALERT).where(ALERT.ID.eq(id)).fetchOptional().map(AlertStore::alert);
    }

    /**
     * Raised alerts, newest first: {@code open} ones, {@code cleared} ones, or all; optionally only
     * those nobody has acknowledged yet, optionally for one device.
     */
    public List<Alert> raised(Optional<String> state, boolean unacknowledgedOnly, Optional<String> device, int limit) {
        Condition c = ALERT.RAISED_AT.isNotNull();
        if (state.isPresent()) {
            c = c.and(ALERT.STATE.eq(state.get()));
        }
        if (unacknowledgedOnly) {
            c = c.and(ALERT.ACKNOWLEDGED_BY.isNull());
        }
        if (device.isPresent()) {
            c = c.and(ALERT.DEVICE_ID.eq(device.get()));
        }
        return dsl.selectFrom(ALERT).where(c).orderBy(ALERT.RAISED_AT.desc(), ALERT.ID.desc()).limit(limit)
                .fetch(AlertStore::alert);
    }

    private static Alert alert(AlertRecord r) {
        return new Alert(r.getId(), r.getDeviceId(), r.getKind(), r.getState(), instant(r.getSince()),
                instant(r.getRaisedAt()), instant(r.getClearedAt()), r.getDetail(), r.getAcknowledgedBy(),
                instant(r.getAcknowledgedAt()));
    }

    private static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

}
