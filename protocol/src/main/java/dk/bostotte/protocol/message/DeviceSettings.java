package dk.bostotte.protocol.message;

import dk.bostotte.protocol.codec.Checks;
import java.util.regex.Pattern;

/**
 * Settings the fleet may push to a device. Null means "leave as it is". Night hours are local
 * wall-clock times ({@code HH:mm}); a night that starts after it ends runs over midnight.
 */
public record DeviceSettings(Integer statusIntervalS, Integer telemetryIntervalS, String language,
                             Integer volumePercent, Integer brightnessPercent, String nightStart, String nightEnd,
                             Integer nightBrightnessPercent, AnswerPolicy answerPolicy, String servicePin,
                             String supportContact) {

    public static final Pattern CLOCK_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    public static final Pattern PIN = Pattern.compile("[0-9]{4,8}");

    /** Only the reporting intervals and language; every kiosk setting left as it is. */
    public DeviceSettings(Integer statusIntervalS, Integer telemetryIntervalS, String language) {
        this(statusIntervalS, telemetryIntervalS, language, null, null, null, null, null, null, null, null);
    }

    /** These settings with every non-null field of {@code changes} put in their place. */
    public DeviceSettings withChanges(DeviceSettings changes) {
        return new DeviceSettings(
                pick(changes.statusIntervalS, statusIntervalS), pick(changes.telemetryIntervalS, telemetryIntervalS),
                pick(changes.language, language), pick(changes.volumePercent, volumePercent),
                pick(changes.brightnessPercent, brightnessPercent), pick(changes.nightStart, nightStart),
                pick(changes.nightEnd, nightEnd), pick(changes.nightBrightnessPercent, nightBrightnessPercent),
                pick(changes.answerPolicy, answerPolicy), pick(changes.servicePin, servicePin),
                pick(changes.supportContact, supportContact));
    }

    private static <T> T pick(T change, T current) {
        return change != null ? change : current;
    }

    void check(Checks c) {
        c.range("statusIntervalS", statusIntervalS, 10, 3600).range("telemetryIntervalS", telemetryIntervalS, 5, 3600)
                .oneOf("language", language, "da", "en")
                .range("volumePercent", volumePercent, 0, 100).range("brightnessPercent", brightnessPercent, 5, 100)
                .matches("nightStart", nightStart, CLOCK_TIME, "a time of day as HH:mm")
                .matches("nightEnd", nightEnd, CLOCK_TIME, "a time of day as HH:mm")
                .range("nightBrightnessPercent", nightBrightnessPercent, 0, 100)
                .matches("servicePin", servicePin, PIN, "4 to 8 digits")
                .text("supportContact", supportContact, 1, 120);
    }
}
