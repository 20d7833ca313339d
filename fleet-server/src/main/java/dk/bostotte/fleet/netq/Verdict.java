package dk.bostotte.fleet.netq;

import com.fasterxml.jackson.annotation.JsonValue;
import dk.bostotte.fleet.config.VerdictThresholds;
import dk.bostotte.fleet.config.VerdictThresholds.Level;
import java.util.Locale;

/** Whether a device's line carries a video call, from its recent measurements. */
public enum Verdict {
    VIDEO_HD, VIDEO, AUDIO_ONLY, INSUFFICIENT,
    /** No recent measurements: say so rather than guess. */
    UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The best level whose every limit the line's figures meet; unknown without throughput figures. */
    public static Verdict of(LineFigures f, VerdictThresholds t) {
        if (f == null || f.samples() == 0 || f.downMbps() == null || f.upMbps() == null) {
            return UNKNOWN;
        }
        if (met(t.hd(), f)) {
            return VIDEO_HD;
        }
        if (met(t.video(), f)) {
            return VIDEO;
        }
        return met(t.audio(), f) ? AUDIO_ONLY : INSUFFICIENT;
    }

    private static boolean met(Level l, LineFigures f) {
        return f.downMbps() >= l.minMbps() && f.upMbps() >= l.minMbps()
                && within(f.rttMs(), l.maxRttMs()) && within(f.jitterMs(), l.maxJitterMs()) && within(f.lossPct(), l.maxLossPct());
    }

    /** A figure no probe measured does not count against the line; throughput must be measured. */
    private static boolean within(Double value, double max) {
        return value == null || value < max;
    }
}
