package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonValue;
import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;
import java.util.Locale;

/**
 * Retained on {@code state}: the device's birth ({@code online}) when it connects, and its last will
 * ({@code offline}) which the broker publishes when the connection is lost.
 */
public record DeviceState(int v, State state, Instant at, String appVersion, String model) implements ProtocolMessage {

    public enum State {
        ONLINE, OFFLINE;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static DeviceState online(Instant at, String appVersion, String model) {
        return new DeviceState(VERSION, State.ONLINE, at, appVersion, model);
    }

    public static DeviceState offline(Instant at, String appVersion, String model) {
        return new DeviceState(VERSION, State.OFFLINE, at, appVersion, model);
    }

    @Override
    public void check(Checks c) {
        c.required("state", state).required("at", at).text("appVersion", appVersion, 0, 64).text("model", model, 0, 64);
    }
}
