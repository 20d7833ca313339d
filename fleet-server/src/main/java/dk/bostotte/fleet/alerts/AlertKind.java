package dk.bostotte.fleet.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an alert is about. Each kind has one watch that tells, per device, whether it holds now. */
public enum AlertKind {
    /** The device's recent connection verdict is below its usual one. */
    VERDICT_DROP;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
