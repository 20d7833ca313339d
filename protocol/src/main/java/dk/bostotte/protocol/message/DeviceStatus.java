package dk.bostotte.protocol.message;

import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;

/** Published every minute on {@code status}: the device's health as IT support needs it. */
public record DeviceStatus(
        int v,
        Instant at,
        String appVersion,
        long uptimeS,
        Double cpuTempC,
        Boolean throttled,
        long memTotalMb,
        long memAvailableMb,
        long diskTotalMb,
        long diskFreeMb,
        boolean camera,
        boolean microphone,
        boolean speaker,
        boolean screen) implements ProtocolMessage {

    @Override
    public void check(Checks c) {
        c.required("at", at).required("appVersion", appVersion).text("appVersion", appVersion, 1, 64)
                .range("uptimeS", uptimeS, 0, 10L * 365 * 24 * 3600)
                .range("cpuTempC", cpuTempC, -40, 150)
                .range("memTotalMb", memTotalMb, 0, 1 << 24).range("memAvailableMb", memAvailableMb, 0, 1 << 24)
                .range("diskTotalMb", diskTotalMb, 0, 1L << 32).range("diskFreeMb", diskFreeMb, 0, 1L << 32);
    }
}
