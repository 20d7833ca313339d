package dk.bostotte.protocol.message;

import dk.bostotte.protocol.codec.Checks;

/** Settings the fleet may push to a device. Null means "leave as it is". */
public record DeviceSettings(Integer statusIntervalS, Integer telemetryIntervalS, String language) {

    void check(Checks c) {
        c.range("statusIntervalS", statusIntervalS, 10, 3600).range("telemetryIntervalS", telemetryIntervalS, 5, 3600)
                .oneOf("language", language, "da", "en");
    }
}
