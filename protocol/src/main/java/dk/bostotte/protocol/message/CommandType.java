package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Remote commands IT support can send to a device. */
public enum CommandType {
    RESTART_APP, REBOOT, RUN_NETWORK_TEST, COLLECT_LOGS, SET_CONFIG, LOCK, UNLOCK, WIPE;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static CommandType fromWire(String wire) {
        return WireNames.parse(values(), wire, "command type");
    }
}
