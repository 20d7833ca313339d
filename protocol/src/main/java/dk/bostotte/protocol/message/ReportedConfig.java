package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import dk.bostotte.protocol.codec.Checks;

/** Sent on {@code config/reported}: what the device applied, or why it could not. */
public record ReportedConfig(int v, @JsonProperty(required = true) long revision, DeviceSettings settings, @JsonProperty(required = true) boolean applied, String error)
        implements ProtocolMessage {

    @Override
    public void check(Checks c) {
        c.range("revision", revision, 0, Long.MAX_VALUE).required("settings", settings).text("error", error, 0, 2000);
        if (settings != null) {
            settings.check(c.nested("settings"));
        }
    }
}
