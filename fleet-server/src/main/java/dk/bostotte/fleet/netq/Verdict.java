package dk.bostotte.fleet.netq;

import com.fasterxml.jackson.annotation.JsonValue;
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
}
