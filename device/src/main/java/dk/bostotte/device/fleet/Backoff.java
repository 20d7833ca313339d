package dk.bostotte.device.fleet;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the n-th delay is uniform in [0, min(cap, base * 2^n)].
 * Full jitter spreads a fleet that lost the broker at the same moment over the whole window, so
 * thousands of kiosks do not reconnect in lock-step when the server comes back.
 */
public final class Backoff {

    private final long baseMs;
    private final long capMs;
    private final DoubleSupplier random;
    private int attempt;

    /** @param random uniform values in [0, 1); injectable so tests can pin the jitter */
    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap");
        }
        this.baseMs = base.toMillis();
        this.capMs = cap.toMillis();
        this.random = random;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Math::random);
    }

    /** The upper bound of the next delay, before jitter. */
    public synchronized Duration ceiling() {
        // Doubling stops well before overflow; the cap is reached long before 2^30 anyway.
        long c = baseMs << Math.min(attempt, 30);
        return Duration.ofMillis(Math.min(capMs, c));
    }

    /** The delay before the next attempt; each call widens the window for the one after. */
    public synchronized Duration next() {
        long ceiling = ceiling().toMillis();
        attempt++;
        return Duration.ofMillis((long) (random.getAsDouble() * (ceiling + 1)));
    }

    /** Called after a successful connection: the next failure starts again from the base. */
    public synchronized void reset() {
        attempt = 0;
    }

    public synchronized int attempts() {
        return attempt;
    }
}
