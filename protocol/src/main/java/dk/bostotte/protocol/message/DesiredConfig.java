package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import dk.bostotte.protocol.codec.Checks;

/** Retained on {@code config}: what the fleet wants; {@code revision} grows with each change. */
public record DesiredConfig(int v, @JsonProperty(required = true) long revision, DeviceSettings settings) implements ProtocolMessage {

    @Override
    public void check(Checks c) {
        c.range("revision", revision, 0, Long.MAX_VALUE).required("settings", settings);
        if (settings != null) {
            settings.check(c.nested("settings"));
        }
    }
}
