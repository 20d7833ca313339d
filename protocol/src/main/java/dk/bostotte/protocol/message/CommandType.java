package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Remote commands IT support can send to a device. */
public enum CommandType {
    RESTART_APP, REBOOT, RUN_NETWORK_TEST, COLLECT_LOGS, SET_CONFIG, LOCK, UNLOCK, WIPE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static CommandType fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown command type '" + wire + "'"));
    }
}
