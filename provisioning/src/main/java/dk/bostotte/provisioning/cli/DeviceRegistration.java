package dk.bostotte.provisioning.cli;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.pki.IssuedCredential;
import java.time.Instant;

/** The body of {@code POST /api/devices}: the inventory learns the device and the one certificate it may use. */
public record DeviceRegistration(String id, String model, String serial, String certFingerprint, Instant certNotAfter) {

    public static DeviceRegistration of(DeviceId id, String model, String serial, IssuedCredential credential) {
        return new DeviceRegistration(id.value(), model, serial, credential.fingerprint(),
                credential.certificate().getNotAfter().toInstant());
    }
}
