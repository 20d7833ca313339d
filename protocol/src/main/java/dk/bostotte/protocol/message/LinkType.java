package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the device reaches the internet. */
public enum LinkType {
    ETHERNET, WIFI, CELLULAR, UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
