package dk.bostotte.fleet.config;

import java.time.Duration;

/**
 * What each verdict needs, per level: throughput each way (Mbit/s) and the most RTT, jitter and
 * loss it tolerates. Defaults from public guidance for 1:1 video: about 1.2 Mbit/s each way for
 * 720p, 0.5 for 360p, 0.1 for audio; RTT under 100 ms, jitter under 30 ms and loss under 1 % for
 * good quality, with more latitude for the lower levels.
 */
public record VerdictThresholds(Duration window, Level hd, Level video, Level audio) {

    /** A level's limits: at least this throughput both ways, and no more RTT, jitter and loss. */
    public record Level(double minMbps, double maxRttMs, double maxJitterMs, double maxLossPct) {
    }

    public static VerdictThresholds defaults() {
        return new VerdictThresholds(Duration.ofDays(7), new Level(1.2, 100, 30, 1), new Level(0.5, 200, 50, 3),
                new Level(0.1, 400, 100, 10));
    }
}
