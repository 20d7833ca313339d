package dk.bostotte.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watchdog is fed only while every watched thread runs its beat: a hung screen thread stops it. */
class HeartbeatsTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aThreadThatStopsRunningItsBeatIsNamedAndTheWholeIsUnhealthy() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        Heartbeats beats = new Heartbeats(now::get);
        List<Runnable> hungScreen = new ArrayList<>();
        beats.watch("agent", Runnable::run, timer, Duration.ofMillis(20));
        // The screen thread takes the beat but never runs it, as a blocked Swing event thread would.
        beats.watch("screen", r -> {
            synchronized (hungScreen) {
                hungScreen.add(r);
            }
        }, timer, Duration.ofMillis(20));
        TimeUnit.MILLISECONDS.sleep(100);
        assertTrue(beats.healthy(Duration.ofSeconds(30)), "both just started");

        now.addAndGet(31_000);
        TimeUnit.MILLISECONDS.sleep(100);
        assertEquals(Optional.of("screen"), beats.stale(Duration.ofSeconds(30)), "the agent beat again; the screen did not");
        assertFalse(beats.healthy(Duration.ofSeconds(30)));

        synchronized (hungScreen) {
            hungScreen.forEach(Runnable::run);
        }
        assertTrue(beats.healthy(Duration.ofSeconds(30)), "it ran its beats: alive again");
    }
}
