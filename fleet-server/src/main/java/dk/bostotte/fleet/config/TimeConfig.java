package dk.bostotte.fleet.config;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * {@code time.zone} (Europe/Copenhagen): the municipality's zone, the one place that decides what
 * "today" and a local date are on the server (a loan made at 00:05 Danish time starts that day, not
 * on the previous UTC day). Instants are stored as they are; only dates are local.
 */
public record TimeConfig(ZoneId zone) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Copenhagen");

    static TimeConfig load(Settings s) {
        String raw = s.get("time.zone", DEFAULT_ZONE.getId());
        try {
            return new TimeConfig(ZoneId.of(raw));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("setting time.zone=" + raw + " is not a time zone such as Europe/Copenhagen");
        }
    }

    /** The municipality's date now, by {@code clock}'s instant. */
    public LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), zone);
    }
}
