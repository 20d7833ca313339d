package dk.bostotte.fleet.calls;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a call is. The first three are live; the rest are outcomes and end the call ({@code locked}:
 * the device refused the ring because IT support has locked it).
 */
public enum CallState {
    RINGING, CONNECTING, CONNECTED, ENDED, DECLINED, MISSED, BUSY, LOCKED, UNREACHABLE, FAILED;

    public boolean isFinal() {
        return ordinal() >= ENDED.ordinal();
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
