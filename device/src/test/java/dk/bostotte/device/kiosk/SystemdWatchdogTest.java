package dk.bostotte.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SystemdWatchdogTest {

    @Test
    void pingsAtHalfTheWatchdogTimeWhileHealthyAndStopsWhenNot() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        AtomicBoolean healthy = new AtomicBoolean(true);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            Optional<Duration> every = SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "200000"));
            assertEquals(Optional.of(Duration.ofMillis(100)), every);
            SystemdWatchdog.start(told::add, every, timer, healthy::get);
            Thread.sleep(450);
            assertEquals("READY=1\nSTATUS=running", told.get(0));
            long pings = told.stream().filter("WATCHDOG=1"::equals).count();
            assertTrue(pings >= 3, "pings: " + pings);
            healthy.set(false);
            Thread.sleep(150);
            long after = told.stream().filter("WATCHDOG=1"::equals).count();
            Thread.sleep(300);
            assertEquals(after, told.stream().filter("WATCHDOG=1"::equals).count(), "a hung app stops pinging");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void withoutSystemdNothingHappens() {
        assertTrue(SystemdWatchdog.systemd(Map.of()).isEmpty());
        assertTrue(SystemdWatchdog.interval(Map.of()).isEmpty());
        assertTrue(SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "soon")).isEmpty());
    }
}
