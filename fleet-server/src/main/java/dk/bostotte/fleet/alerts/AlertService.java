package dk.bostotte.fleet.alerts;

import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.tasks.BackgroundThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns conditions into alerts: each check asks every watch which devices it holds for; a new
 * condition is pending, one that has lasted {@code raiseAfter} is raised, one that went away is
 * cleared (or forgotten, if it never was raised). A brief dip therefore never pages anyone.
 */
public final class AlertService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final AlertStore store;
    private final List<AlertWatch> watches;
    private final Duration raiseAfter;
    private final AuditLog audit;
    private final FleetMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService timer = BackgroundThread.named("alerts");

    public AlertService(AlertStore store, List<AlertWatch> watches, Duration raiseAfter, AuditLog audit,
                        FleetMetrics metrics, Clock clock) {
        this.store = store;
        this.watches = watches;
        this.raiseAfter = raiseAfter;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    public AlertService start(Duration every) {
        timer.scheduleWithFixedDelay(this::checkSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("alert check failed, will retry: {}", e.toString());
        }
    }

    /** One round over every watch. */
    public synchronized void check() {
        Instant now = clock.instant();
        for (AlertWatch watch : watches) {
            Map<String, String> holding = watch.holdingAt(now);
            Map<String, Alert> live = store.live(watch.kind());
            holding.forEach((device, detail) -> {
                Alert a = live.get(device);
                if (a == null) {
                    store.pending(device, watch.kind(), now, detail);
                } else if (Alert.PENDING.equals(a.state()) && !now.isBefore(a.since().plus(watch.raiseAfter().orElse(raiseAfter)))) {
                    store.open(a.id(), now, detail);
                    metrics.alertRaised(watch.kind().wire());
                    log.warn("alert {} for device {}: {} (since {})", watch.kind().wire(), device, detail, a.since());
                }
            });
            live.forEach((device, a) -> {
                if (!holding.containsKey(device)) {
                    if (Alert.OPEN.equals(a.state())) {
                        store.clear(a.id(), now);
                        log.info("alert {} for device {} cleared", watch.kind().wire(), device);
                    } else {
                        store.forget(a.id());
                    }
                }
            });
        }
    }

    /** A person has seen the alert; audited. Empty if there is no raised, unacknowledged alert by that id. */
    public Optional<Alert> acknowledge(long id, String who) {
        Optional<Alert> a = store.acknowledge(id, who, clock.instant());
        a.ifPresent(x -> audit.record(who, "alert.acknowledge", x.deviceId(), Map.of("alert", id, "kind", x.kind())));
        return a;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
