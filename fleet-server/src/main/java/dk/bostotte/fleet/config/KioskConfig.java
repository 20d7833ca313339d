package dk.bostotte.fleet.config;

import java.time.Duration;

/** {@code kiosk.refresh.every.s}: how often every loaned device's kiosk information is checked. */
public record KioskConfig(Duration refreshEvery) {

    static KioskConfig load(Settings s) {
        return new KioskConfig(Duration.ofSeconds(s.getInt("kiosk.refresh.every.s", 60, 1, 86_400)));
    }
}
