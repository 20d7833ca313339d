package dk.bostotte.fleet.alerts;

import static dk.bostotte.fleet.db.jooq.Tables.CALL;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_LINE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_STATUS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;

import dk.bostotte.fleet.config.AlertConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The conditions IT support wants to hear about before the citizen calls them, each one query over
 * the fleet: offline too long (unless an outage is planned), a poor line, failed calls, a full disk,
 * overheating. Only devices in service count: enrolled or loaned, not revoked.
 */
public final class DeviceHealthWatches {

    private DeviceHealthWatches() {
    }

    public static List<AlertWatch> all(DSLContext dsl, AlertConfig config) {
        // Offline, failed calls and a full disk carry their own duration: raised at once.
        Optional<Duration> now = Optional.of(Duration.ZERO);
        Optional<Duration> usual = Optional.empty();
        return List.of(
                watch(AlertKind.OFFLINE, now, at -> offline(dsl, config, at)),
                watch(AlertKind.POOR_CONNECTION, usual, at -> poorLine(dsl)),
                watch(AlertKind.FAILED_CALLS, now, at -> failedCalls(dsl, config, at)),
                watch(AlertKind.DISK_FULL, now, at -> diskFull(dsl, config)),
                watch(AlertKind.OVERHEATING, usual, at -> overheating(dsl, config, at)));
    }

    private static AlertWatch watch(AlertKind kind, Optional<Duration> raiseAfter,
                                    Function<Instant, Map<String, String>> holding) {
        return new AlertWatch() {
            @Override
            public AlertKind kind() {
                return kind;
            }

            @Override
            public Optional<Duration> raiseAfter() {
                return raiseAfter;
            }

            @Override
            public Map<String, String> holdingAt(Instant now) {
                return holding.apply(now);
            }
        };
    }

    private static Condition inService() {
        return DEVICE.LIFECYCLE.in("enrolled", "loaned").and(DEVICE.REVOKED.isFalse());
    }

    static Map<String, String> offline(DSLContext dsl, AlertConfig c, Instant now) {
        OffsetDateTime since = odt(now.minus(c.offlineAfter()));
        Map<String, String> out = new HashMap<>();
        dsl.select(DEVICE.ID, DEVICE.LAST_SEEN).from(DEVICE).where(inService()).and(DEVICE.ONLINE.isFalse())
                .and(DEVICE.LAST_SEEN.le(since))
                .and(DEVICE.OUTAGE_PLANNED_UNTIL.isNull().or(DEVICE.OUTAGE_PLANNED_UNTIL.le(odt(now))))
                .forEach(r -> out.put(r.value1(), "offline since " + r.value2().toInstant()));
        return out;
    }

    static Map<String, String> poorLine(DSLContext dsl) {
        Map<String, String> out = new HashMap<>();
        dsl.select(DEVICE_LINE.DEVICE_ID, DEVICE_LINE.VERDICT, DEVICE_LINE.DOWN_MBPS, DEVICE_LINE.UP_MBPS, DEVICE_LINE.RTT_MS,
                        DEVICE_LINE.LOSS_PCT).from(DEVICE_LINE).join(DEVICE).on(DEVICE.ID.eq(DEVICE_LINE.DEVICE_ID))
                .where(inService()).and(DEVICE_LINE.VERDICT.in("audio-only", "insufficient"))
                .forEach(r -> out.put(r.value1(), "line " + r.value2() + " (" + r.value3() + "/" + r.value4() + " Mbit/s, rtt "
                        + r.value5() + " ms, loss " + r.value6() + " %)"));
        return out;
    }

    static Map<String, String> failedCalls(DSLContext dsl, AlertConfig c, Instant now) {
        Map<String, String> out = new HashMap<>();
        dsl.select(CALL.DEVICE_ID, count(), max(CALL.REASON)).from(CALL).join(DEVICE).on(DEVICE.ID.eq(CALL.DEVICE_ID))
                .where(inService()).and(CALL.STATE.eq("failed")).and(CALL.CREATED_AT.ge(odt(now.minusSeconds(86_400))))
                .groupBy(CALL.DEVICE_ID).having(count().ge(c.failedCallsPerDay()))
                .forEach(r -> out.put(r.value1(), r.value2() + " failed calls in the last 24 h (e.g. " + r.value3() + ")"));
        return out;
    }

    static Map<String, String> diskFull(DSLContext dsl, AlertConfig c) {
        Map<String, String> out = new HashMap<>();
        dsl.select(DEVICE_STATUS.DEVICE_ID, DEVICE_STATUS.DISK_FREE_MB, DEVICE_STATUS.DISK_TOTAL_MB).from(DEVICE_STATUS)
                .join(DEVICE).on(DEVICE.ID.eq(DEVICE_STATUS.DEVICE_ID)).where(inService())
                .and(DEVICE_STATUS.DISK_FREE_MB.lt((long) c.diskFreeMb()))
                .forEach(r -> out.put(r.value1(), r.value2() + " MB free of " + r.value3() + " MB"));
        return out;
    }

    static Map<String, String> overheating(DSLContext dsl, AlertConfig c, Instant now) {
        Map<String, String> out = new HashMap<>();
        dsl.select(DEVICE_STATUS.DEVICE_ID, DEVICE_STATUS.CPU_TEMP_C, DEVICE_STATUS.THROTTLED).from(DEVICE_STATUS)
                .join(DEVICE).on(DEVICE.ID.eq(DEVICE_STATUS.DEVICE_ID)).where(inService())
                // Only a recent report says how it is now.
                .and(DEVICE_STATUS.REPORTED_AT.ge(odt(now.minusSeconds(3600))))
                .and(DEVICE_STATUS.CPU_TEMP_C.ge((float) c.cpuTempC()).or(DEVICE_STATUS.THROTTLED.isTrue()))
                .forEach(r -> out.put(r.value1(), "CPU " + r.value2() + " °C" + (Boolean.TRUE.equals(r.value3())
                        ? ", throttled by the firmware" : "")));
        return out;
    }

    private static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
