package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;

/** Published every minute on {@code status}: the device's health as IT support needs it. */
public record DeviceStatus(
        int v,
        Instant at,
        String appVersion,
        @JsonProperty(required = true) long uptimeS,
        Double cpuTempC,
        Boolean throttled,
        @JsonProperty(required = true) long memTotalMb,
        @JsonProperty(required = true) long memAvailableMb,
        @JsonProperty(required = true) long diskTotalMb,
        @JsonProperty(required = true) long diskFreeMb,
        @JsonProperty(required = true) boolean camera,
        @JsonProperty(required = true) boolean microphone,
        @JsonProperty(required = true) boolean speaker,
        @JsonProperty(required = true) boolean screen) implements ProtocolMessage {

    @Override
    public void check(Checks c) {
        c.required("at", at).required("appVersion", appVersion).text("appVersion", appVersion, 1, 64)
                .range("uptimeS", uptimeS, 0, 10L * 365 * 24 * 3600)
                .range("cpuTempC", cpuTempC, -40, 150)
                .range("memTotalMb", memTotalMb, 0, 1 << 24).range("memAvailableMb", memAvailableMb, 0, 1 << 24)
                .range("diskTotalMb", diskTotalMb, 0, 1L << 32).range("diskFreeMb", diskFreeMb, 0, 1L << 32);
    }
}
