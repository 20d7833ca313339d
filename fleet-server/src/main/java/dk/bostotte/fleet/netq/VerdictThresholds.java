package dk.bostotte.fleet.netq;

import java.time.Duration;

/**
 * What each verdict needs, per level: throughput each way (Mbit/s) and the most RTT, jitter and
 * loss it tolerates. Defaults from public guidance for 1:1 video: about 1.2 Mbit/s each way for
 * 720p, 0.5 for 360p, 0.1 for audio; RTT under 100 ms, jitter under 30 ms and loss under 1 % for
 * good quality, with more latitude for the lower levels.
 */
public record VerdictThresholds(Duration window, Level hd, Level video, Level audio) {

    public record Level(double minMbps, double maxRttMs, double maxJitterMs, double maxLossPct) {

        boolean met(LineFigures f) {
            return f.downMbps() != null && f.upMbps() != null && f.downMbps() >= minMbps && f.upMbps() >= minMbps
                    && within(f.rttMs(), maxRttMs) && within(f.jitterMs(), maxJitterMs) && within(f.lossPct(), maxLossPct);
        }

        /** A figure no probe measured does not count against the line; throughput must be measured. */
        private static boolean within(Double value, double max) {
            return value == null || value < max;
        }
    }

    public static VerdictThresholds defaults() {
        return new VerdictThresholds(Duration.ofDays(7), new Level(1.2, 100, 30, 1), new Level(0.5, 200, 50, 3),
                new Level(0.1, 400, 100, 10));
    }

    public Verdict classify(LineFigures f) {
        if (f == null || f.samples() == 0 || f.downMbps() == null || f.upMbps() == null) {
            return Verdict.UNKNOWN;
        }
        if (hd.met(f)) {
            return Verdict.VIDEO_HD;
        }
        if (video.met(f)) {
            return Verdict.VIDEO;
        }
        return audio.met(f) ? Verdict.AUDIO_ONLY : Verdict.INSUFFICIENT;
    }
}
