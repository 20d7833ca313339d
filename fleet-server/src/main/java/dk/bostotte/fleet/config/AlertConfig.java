package dk.bostotte.fleet.config;

import java.time.Duration;

/**
 * {@code alert.check.every.s} (how often conditions are looked at), {@code alert.raise.after.minutes}
 * (how long a condition must last to become an alert) and {@code alert.verdict.recent.minutes} (the
 * window a device's recent verdict is taken over, to compare with its usual one).
 */
public record AlertConfig(Duration checkEvery, Duration raiseAfter, Duration verdictRecent) {

    public static AlertConfig defaults() {
        return new AlertConfig(Duration.ofSeconds(60), Duration.ofMinutes(120), Duration.ofMinutes(60));
    }
}
