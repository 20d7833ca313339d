package dk.bostotte.fleet.devices;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_STATUS;
import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;

import dk.bostotte.fleet.broker.auth.CredentialRegistry;
import dk.bostotte.fleet.db.jooq.tables.records.DeviceStatusRecord;
import dk.bostotte.protocol.DeviceId;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * The device inventory. It also answers the broker at connect time from an in-memory copy of each
 * device's certificate fingerprint and revocation, kept current by every change made through here,
 * so a connect storm never waits on the database.
 */
public final class DeviceRegistry implements CredentialRegistry {

    /** Thrown when an id, serial or certificate is already registered. */
    public static final class DuplicateDeviceException extends RuntimeException {
        DuplicateDeviceException(String message) {
            super(message);
        }
    }

    private record Credential(String fingerprint, boolean revoked) {
    }

    private final DSLContext dsl;
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();

    public DeviceRegistry(DSLContext dsl) {
        this.dsl = dsl;
        dsl.select(DEVICE.ID, DEVICE.CERT_FINGERPRINT, DEVICE.REVOKED).from(DEVICE).where(DEVICE.CERT_FINGERPRINT.isNotNull())
                .forEach(r -> credentials.put(r.value1(), new Credential(r.value2(), r.value3())));
    }

    @Override
    public Optional<String> refusalFor(DeviceId device, String fingerprint) {
        Credential c = credentials.get(device.value());
        if (c == null) {
            return Optional.of("device " + device + " is not enrolled");
        }
        if (c.revoked()) {
            return Optional.of("device " + device + " has been revoked");
        }
        if (!c.fingerprint().equals(fingerprint)) {
            return Optional.of("certificate is not the one enrolled for " + device);
        }
        return Optional.empty();
    }

    public DeviceView register(DeviceRegistration r) {
        try {
            // A box taken into stock earlier is the same device: enrolment gives it its id and certificate.
            int fromStock = dsl.update(DEVICE).set(DEVICE.ID, r.id()).set(DEVICE.CERT_FINGERPRINT, r.certFingerprint())
                    .set(DEVICE.CERT_NOT_AFTER, odt(r.certNotAfter())).set(DEVICE.LIFECYCLE, "enrolled")
                    .set(DEVICE.ENROLLED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .where(DEVICE.MODEL.eq(r.model())).and(DEVICE.SERIAL.eq(r.serial())).and(DEVICE.LIFECYCLE.eq("in_stock"))
                    .execute();
            if (fromStock > 0) {
                credentials.put(r.id(), new Credential(r.certFingerprint(), false));
                return find(new DeviceId(r.id())).orElseThrow();
            }
            dsl.insertInto(DEVICE).set(DEVICE.ID, r.id()).set(DEVICE.MODEL, r.model()).set(DEVICE.SERIAL, r.serial())
                    .set(DEVICE.CERT_FINGERPRINT, r.certFingerprint()).set(DEVICE.CERT_NOT_AFTER, odt(r.certNotAfter()))
                    .execute();
        } catch (IntegrityConstraintViolationException e) {
            throw new DuplicateDeviceException("a device with this id, model and serial, or certificate is already enrolled");
        }
        credentials.put(r.id(), new Credential(r.certFingerprint(), false));
        return find(new DeviceId(r.id())).orElseThrow();
    }

    /** Takes a device into stock: an id for its label, no certificate yet. */
    public DeviceView addToStock(String model, String serial) {
        try {
            DeviceId id = DeviceId.random(new SecureRandom());
            dsl.insertInto(DEVICE).set(DEVICE.ID, id.value()).set(DEVICE.MODEL, model).set(DEVICE.SERIAL, serial)
                    .set(DEVICE.LIFECYCLE, "in_stock").setNull(DEVICE.ENROLLED_AT).execute();
            return find(id).orElseThrow();
        } catch (IntegrityConstraintViolationException e) {
            throw new DuplicateDeviceException("a device with model " + model + " and serial " + serial + " is already registered");
        }
    }

    /** Marks the device revoked; returns false when there is no such device. */
    public boolean revoke(DeviceId id) {
        int n = dsl.update(DEVICE).set(DEVICE.REVOKED, true).set(DEVICE.REVOKED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(DEVICE.ID.eq(id.value())).execute();
        credentials.computeIfPresent(id.value(), (k, c) -> new Credential(c.fingerprint(), true));
        return n > 0;
    }

    /** Records what the device confirmed: locked by IT support, or unlocked again. */
    public void setLocked(DeviceId id, boolean locked) {
        dsl.update(DEVICE).set(DEVICE.LOCKED, locked).where(DEVICE.ID.eq(id.value())).execute();
    }

    /** Marks an outage as planned until {@code until} (no offline alert till then), or clears the mark. */
    public boolean setPlannedOutage(DeviceId id, Optional<Instant> until) {
        return dsl.update(DEVICE).set(DEVICE.OUTAGE_PLANNED_UNTIL, until.map(u -> u.atOffset(ZoneOffset.UTC)).orElse(null))
                .where(DEVICE.ID.eq(id.value())).execute() > 0;
    }

    public List<DeviceView> list() {
        return dsl.select().from(DEVICE).leftJoin(DEVICE_STATUS).on(DEVICE_STATUS.DEVICE_ID.eq(DEVICE.ID))
                .orderBy(DEVICE.ID).fetch(DeviceRegistry::view);
    }

    public Optional<DeviceView> find(DeviceId id) {
        return dsl.select().from(DEVICE).leftJoin(DEVICE_STATUS).on(DEVICE_STATUS.DEVICE_ID.eq(DEVICE.ID))
                .where(DEVICE.ID.eq(id.value())).fetchOptional(DeviceRegistry::view);
    }

    /** Samples taken in [from, to), oldest first, at most {@code limit}. */
    public List<TelemetryPoint> telemetry(DeviceId id, Instant from, Instant to, int limit) {
        return dsl.selectFrom(TELEMETRY).where(TELEMETRY.DEVICE_ID.eq(id.value()))
                .and(TELEMETRY.SAMPLED_AT.ge(odt(from))).and(TELEMETRY.SAMPLED_AT.lt(odt(to)))
                .orderBy(TELEMETRY.SAMPLED_AT, TELEMETRY.SEQ).limit(limit)
                .fetch(t -> new TelemetryPoint(t.getSeq(), t.getSampledAt().toInstant(), t.getLink(), d(t.getRttMs()),
                        d(t.getJitterMs()), d(t.getLossPct()), d(t.getDownMbps()), d(t.getUpMbps()), t.getSignalDbm(),
                        d(t.getRttMinMs()), d(t.getRttP95Ms()), t.getBytesUsed(), t.getSkipped(), d(t.getWifiBitrateMbps()),
                        t.getCellTech(), d(t.getRsrpDbm()), d(t.getRsrqDb()), d(t.getSinrDb())));
    }

    private static DeviceView view(Record r) {
        DeviceStatusRecord s = r.into(DEVICE_STATUS);
        DeviceView.StatusView status = s.getDeviceId() == null ? null : new DeviceView.StatusView(
                s.getReportedAt().toInstant(), s.getUptimeS(), d(s.getCpuTempC()), s.getThrottled(), s.getMemTotalMb(),
                s.getMemAvailableMb(), s.getDiskTotalMb(), s.getDiskFreeMb(), s.getCamera(), s.getMicrophone(),
                s.getSpeaker(), s.getScreen());
        return new DeviceView(r.get(DEVICE.ID), r.get(DEVICE.MODEL), r.get(DEVICE.SERIAL), r.get(DEVICE.LIFECYCLE),
                r.get(DEVICE.ONLINE), instant(r.get(DEVICE.LAST_SEEN)), instant(r.get(DEVICE.CONNECTED_AT)),
                r.get(DEVICE.APP_VERSION), r.get(DEVICE.REVOKED), r.get(DEVICE.LOCKED), instant(r.get(DEVICE.ENROLLED_AT)),
                instant(r.get(DEVICE.OUTAGE_PLANNED_UNTIL)), status);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Double d(Float f) {
        return f == null ? null : f.doubleValue();
    }
}
