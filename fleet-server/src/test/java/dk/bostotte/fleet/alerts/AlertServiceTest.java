package dk.bostotte.fleet.alerts;

import static dk.bostotte.fleet.db.jooq.Tables.ALERT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.testing.TestClock;
import dk.bostotte.fleet.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts on the real database; the conditions are watches the test switches on and off. */
class AlertServiceTest {

    private static final Duration RAISE_AFTER = Duration.ofMinutes(5);

    /** A condition the test sets per device. */
    private static final class Switch implements AlertWatch {
        final AlertKind kind;
        final Optional<Duration> raiseAfter;
        final Map<String, String> holding = new ConcurrentHashMap<>();

        Switch(AlertKind kind, Optional<Duration> raiseAfter) {
            this.kind = kind;
            this.raiseAfter = raiseAfter;
        }

        @Override
        public AlertKind kind() {
            return kind;
        }

        @Override
        public Map<String, String> holdingAt(Instant now) {
            return Map.copyOf(holding);
        }

        @Override
        public Optional<Duration> raiseAfter() {
            return raiseAfter;
        }
    }

    private final TestClock clock = new TestClock();
    private final FleetMetrics metrics = new FleetMetrics();
    private final Switch disk = new Switch(AlertKind.DISK_FULL, Optional.empty());
    private final Switch offline = new Switch(AlertKind.OFFLINE, Optional.of(Duration.ofHours(1)));
    private DSLContext dsl;
    private AlertStore store;
    private AuditLog audit;
    private AlertService alerts;
    private String device;

    @BeforeEach
    void setUp() {
        dsl = TestDatabase.empty();
        device = TestDatabase.enrolDevice(new DeviceRegistry(dsl)).value();
        store = new AlertStore(dsl);
        audit = new AuditLog(dsl, new ObjectMapper());
        alerts = new AlertService(store, List.of(disk, offline), RAISE_AFTER, audit, metrics, clock);
    }

    @AfterEach
    void tearDown() {
        alerts.close();
    }

    private List<Alert> raised() {
        return store.raised(Optional.empty(), false, Optional.of(device), 10);
    }

    private double raisedCount(AlertKind kind) {
        Counter c = metrics.registry().find("bostotte.alerts.raised").tag("kind", kind.wire()).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aConditionIsRaisedOnlyOnceItHasLastedAndCountedOnce() {
        Instant began = clock.instant();
        disk.holding.put(device, "120 MB free");
        alerts.check();
        clock.advance(RAISE_AFTER.minusSeconds(1));
        alerts.check();
        assertEquals(List.of(), raised(), "pending until it has lasted " + RAISE_AFTER);
        assertEquals(1, dsl.fetchCount(ALERT, ALERT.STATE.eq(Alert.PENDING)));

        disk.holding.put(device, "90 MB free");
        clock.advance(Duration.ofSeconds(1));
        alerts.check();
        alerts.check();
        Alert a = raised().get(0);
        assertEquals(List.of(a), raised(), "one live alert per device and kind");
        assertEquals(Alert.OPEN, a.state());
        assertEquals("disk-full", a.kind());
        assertEquals(began, a.since());
        assertEquals(clock.instant(), a.raisedAt());
        assertEquals("90 MB free", a.detail(), "the detail says how it is now");
        assertEquals(1.0, raisedCount(AlertKind.DISK_FULL));
    }

    @Test
    void aRaisedAlertClearsWhenTheConditionEndsAndAReturnIsANewAlert() {
        disk.holding.put(device, "120 MB free");
        alerts.check();
        clock.advance(RAISE_AFTER);
        alerts.check();
        long first = raised().get(0).id();

        disk.holding.clear();
        clock.advance(Duration.ofMinutes(1));
        alerts.check();
        Alert cleared = store.find(first).orElseThrow();
        assertEquals(Alert.CLEARED, cleared.state());
        assertEquals(clock.instant(), cleared.clearedAt());

        disk.holding.put(device, "100 MB free");
        alerts.check();
        assertEquals(List.of(first), raised().stream().map(Alert::id).toList(), "the new condition is only pending");
        assertEquals(1, dsl.fetchCount(ALERT, ALERT.STATE.eq(Alert.PENDING).and(ALERT.ID.ne(first))));
    }

    @Test
    void aBriefDipIsForgottenAndPagesNobody() {
        disk.holding.put(device, "120 MB free");
        alerts.check();
        clock.advance(RAISE_AFTER.minusSeconds(1));
        disk.holding.clear();
        alerts.check();
        assertEquals(0, dsl.fetchCount(ALERT));
        assertEquals(0.0, raisedCount(AlertKind.DISK_FULL));
    }

    @Test
    void aWatchThatKnowsBetterWaitsItsOwnTime() {
        disk.holding.put(device, "120 MB free");
        offline.holding.put(device, "offline since yesterday");
        alerts.check();
        clock.advance(RAISE_AFTER);
        alerts.check();
        assertEquals(List.of("disk-full"), raised().stream().map(Alert::kind).toList());
        clock.advance(Duration.ofHours(1));
        alerts.check();
        assertEquals(1.0, raisedCount(AlertKind.OFFLINE));
    }

    @Test
    void acknowledgingIsAuditedAndHappensOnce() {
        disk.holding.put(device, "120 MB free");
        alerts.check();
        long pending = dsl.fetchValue(ALERT.ID, ALERT.STATE.eq(Alert.PENDING));
        assertTrue(alerts.acknowledge(pending, "support").isEmpty(), "nothing to see before it is raised");
        clock.advance(RAISE_AFTER);
        alerts.check();

        Alert seen = alerts.acknowledge(pending, "support").orElseThrow();
        assertEquals("support", seen.acknowledgedBy());
        assertEquals(clock.instant(), seen.acknowledgedAt());
        assertTrue(alerts.acknowledge(pending, "admin").isEmpty(), "already acknowledged");
        var entries = audit.search(null, "alert.", device, null, null, null, 10);
        assertEquals(1, entries.size());
        assertEquals("support", entries.get(0).actor());
        assertNotEquals("{}", entries.get(0).detail());
    }
}
