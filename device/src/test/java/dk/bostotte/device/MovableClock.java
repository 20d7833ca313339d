package dk.bostotte.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the test moves by hand, in a fixed zone (Copenhagen unless told). */
public final class MovableClock extends Clock {

    public volatile Instant now;
    private final ZoneId zone;

    public MovableClock(String isoInstant) {
        this(Instant.parse(isoInstant), ZoneId.of("Europe/Copenhagen"));
    }

    public MovableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new MovableClock(now, z);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
