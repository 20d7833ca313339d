package dk.bostotte.device.platform;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A timer that can be re-armed with a new period when the fleet changes an interval. Runs with fixed
 * delay, so a slow probe postpones the next one instead of piling runs up; a failing run is logged
 * and the timer keeps going (an escaped exception would silently cancel a plain scheduled task).
 */
public final class PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final ScheduledExecutorService executor;
    private final String name;
    private final Runnable body;
    private ScheduledFuture<?> current;

    public PeriodicTask(ScheduledExecutorService executor, String name, Runnable body) {
        this.executor = executor;
        this.name = name;
        this.body = body;
    }

    public synchronized void schedule(Duration initialDelay, Duration period) {
        cancel();
        current = executor.scheduleWithFixedDelay(this::runSafely, initialDelay.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public synchronized void cancel() {
        if (current != null) {
            current.cancel(false);
            current = null;
        }
    }

    public synchronized boolean isScheduled() {
        return current != null;
    }

    private void runSafely() {
        try {
            body.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", name, e.toString());
        }
    }
}
