package dk.bostotte.device.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static Backoff withJitter(double fraction) {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> fraction);
    }

    @Test
    void ceilingDoublesFromBaseUntilTheCap() {
        Backoff b = withJitter(0.5);
        List<Long> ceilings = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ceilings.add(b.ceiling().toSeconds());
            b.next();
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), ceilings);
    }

    @Test
    void delayIsNeverAboveTheCeilingNorBelowZero() {
        Backoff top = withJitter(0.999_999);
        Backoff bottom = withJitter(0.0);
        for (int i = 0; i < 50; i++) {
            Duration ceiling = top.ceiling();
            Duration d = top.next();
            assertTrue(d.compareTo(ceiling) <= 0 && d.toMillis() >= ceiling.toMillis() - 1, d + " vs " + ceiling);
            assertEquals(Duration.ZERO, bottom.next());
        }
        assertEquals(Duration.ofSeconds(60), top.ceiling(), "stays at the cap after many attempts");
    }

    @Test
    void resetStartsAgainFromTheBase() {
        Backoff b = withJitter(0.999_999);
        for (int i = 0; i < 10; i++) {
            b.next();
        }
        b.reset();
        assertEquals(0, b.attempts());
        assertEquals(Duration.ofSeconds(1), b.ceiling());
        assertTrue(b.next().toMillis() <= 1000);
    }

    @Test
    void jitterSpreadsDelaysOverTheWholeWindow() {
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), random::nextDouble);
            for (int k = 0; k < 5; k++) {
                b.next();
            }
            long d = b.next().toMillis(); // sixth attempt: window [0, 32 s]
            assertTrue(d >= 0 && d <= 32_000, "delay " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min < 1_000, "some retries come almost at once, min " + min);
        assertTrue(max > 31_000, "some wait nearly the full window, max " + max);
    }

    @Test
    void rejectsABaseAboveTheCap() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1), Math::random));
    }
}
