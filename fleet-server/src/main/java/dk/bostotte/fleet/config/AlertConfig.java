package dk.bostotte.fleet.config;

import java.time.Duration;

/**
 * {@code alert.check.every.s} (how often conditions are looked at), {@code alert.raise.after.minutes}
 * (how long a condition must last to become an alert), {@code alert.verdict.recent.minutes} (the
 * window a device's recent verdict is taken over, to compare with its usual one),
 * {@code alert.offline.hours}, {@code alert.failed.calls.per.day}, {@code alert.disk.free.mb} and
 * {@code alert.cpu.temp.c}.
 */
public record AlertConfig(Duration checkEvery, Duration raiseAfter, Duration verdictRecent, Duration offlineAfter,
                          int failedCallsPerDay, int diskFreeMb, int cpuTempC) {

    static AlertConfig load(Settings s) {
        return new AlertConfig(
                Duration.ofSeconds(s.getInt("alert.check.every.s", 60, 1, 86_400)),
                Duration.ofMinutes(s.getInt("alert.raise.after.minutes", 120, 0, 100_000)),
                Duration.ofMinutes(s.getInt("alert.verdict.recent.minutes", 60, 5, 100_000)),
                Duration.ofHours(s.getInt("alert.offline.hours", 24, 1, 10_000)),
                s.getInt("alert.failed.calls.per.day", 2, 1, 1000),
                s.getInt("alert.disk.free.mb", 500, 1, 1_000_000),
                s.getInt("alert.cpu.temp.c", 80, 40, 150));
    }
}
