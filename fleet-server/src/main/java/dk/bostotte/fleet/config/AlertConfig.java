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
}
