package dk.bostotte.fleet.calls;

import java.util.Locale;

/** Where a call is. The first three are live; the rest are outcomes and end the call. */
public enum CallState {
    RINGING, CONNECTING, CONNECTED, ENDED, DECLINED, MISSED, BUSY, UNREACHABLE, FAILED;

    public boolean isFinal() {
        return ordinal() >= ENDED.ordinal();
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
