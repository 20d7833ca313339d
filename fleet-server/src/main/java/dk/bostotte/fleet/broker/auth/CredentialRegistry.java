package dk.bostotte.fleet.broker.auth;

import dk.bostotte.protocol.DeviceId;
import java.util.Optional;

/** The inventory's word on a device certificate at connect time. */
public interface CredentialRegistry {

    /** Empty when the device is enrolled with this certificate and not revoked; else why not. */
    Optional<String> refusalFor(DeviceId device, String certificateFingerprint);
}
