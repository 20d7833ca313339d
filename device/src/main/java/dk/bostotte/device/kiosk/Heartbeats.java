package dk.bostotte.device.kiosk;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads the kiosk cannot live without (the agent thread, the screen's event thread) prove
 * they are alive by running a tiny task every few seconds. systemd's watchdog is fed only while
 * every one of them does: a hung screen with a healthy agent behind it is still a dead kiosk to
 * the citizen, and a restart brings it back.
 */
public final class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final LongSupplier millis;
    private final Map<String, AtomicLong> last = new ConcurrentHashMap<>();

    public Heartbeats(LongSupplier millis) {
        this.millis = millis;
    }

    /** Every {@code every}, posts a beat to {@code thread} (e.g. {@code EventQueue::invokeLater}). */
    public void watch(String name, Executor thread, ScheduledExecutorService timer, Duration every) {
        AtomicLong beat = new AtomicLong(millis.getAsLong());
        last.put(name, beat);
        timer.scheduleAtFixedRate(() -> {
            try {
                thread.execute(() -> beat.set(millis.getAsLong()));
            } catch (RejectedExecutionException e) {
                // A thread that takes no more work beats no more: the watchdog sees it.
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The first watched thread that has not beaten within {@code within}, if any. */
    public Optional<String> stale(Duration within) {
        long now = millis.getAsLong();
        return last.entrySet().stream().filter(e -> now - e.getValue().get() > within.toMillis()).map(Map.Entry::getKey)
                .sorted().findFirst();
    }

    /** True while every watched thread beat within {@code within}; says which one did not. */
    public boolean healthy(Duration within) {
        Optional<String> stale = stale(within);
        stale.ifPresent(name -> log.warn("the {} thread has not run for over {} s", name, within.toSeconds()));
        return stale.isEmpty();
    }
}
