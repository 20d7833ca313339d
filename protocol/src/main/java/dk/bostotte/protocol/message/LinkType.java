package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the device reaches the internet. */
public enum LinkType {
    ETHERNET, WIFI, CELLULAR, UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
