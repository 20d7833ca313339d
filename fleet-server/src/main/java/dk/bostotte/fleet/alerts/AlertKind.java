package dk.bostotte.fleet.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an alert is about. Each kind has one watch that tells, per device, whether it holds now. */
public enum AlertKind {
    /** The device's recent connection verdict is below its usual one. */
    VERDICT_DROP,
    /** Not connected for longer than the threshold, and no outage planned. */
    OFFLINE,
    /** The line carries audio only, or not even that. */
    POOR_CONNECTION,
    /** Several calls failed (ICE or media) within a day. */
    FAILED_CALLS,
    /** Little free disk left: logs and the telemetry queue need room. */
    DISK_FULL,
    /** Hot CPU or the firmware throttling it: calls stutter, the hardware ages. */
    OVERHEATING;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
