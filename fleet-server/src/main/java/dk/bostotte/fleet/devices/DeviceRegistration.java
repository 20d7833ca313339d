package dk.bostotte.fleet.devices;

import dk.bostotte.protocol.DeviceId;
import java.time.Instant;

/** What the provisioning CLI registers when it enrols a device. */
public record DeviceRegistration(String id, String model, String serial, String certFingerprint, Instant certNotAfter) {

    /** Null when valid, else what is wrong, naming the field. */
    public String problem() {
        if (id == null || !DeviceId.isValid(id)) {
            return "id: not a device id (e.g. K7M3-Q9PX)";
        }
        if (model == null || model.isBlank() || model.length() > 64) {
            return "model: required, at most 64 characters";
        }
        if (serial == null || serial.isBlank() || serial.length() > 128) {
            return "serial: required, at most 128 characters";
        }
        if (certFingerprint == null || !certFingerprint.matches("[0-9a-f]{64}")) {
            return "certFingerprint: 64 lower-case hex digits (SHA-256 of the certificate)";
        }
        return null;
    }
}
