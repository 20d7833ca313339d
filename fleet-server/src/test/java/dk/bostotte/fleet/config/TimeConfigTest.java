package dk.bostotte.fleet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeConfigTest {

    /** 23:05 UTC on a winter evening is 00:05 the next day in Copenhagen. */
    private static final Clock FIVE_PAST_MIDNIGHT_IN_DENMARK = Clock.fixed(Instant.parse("2026-12-07T23:05:00Z"), ZoneOffset.UTC);

    @Test
    void theMunicipalitysZoneIsCopenhagenByDefaultAndDecidesToday() throws Exception {
        TimeConfig time = FleetConfig.load(Optional.empty(), Map.of(), Map.of()).time();
        assertEquals(ZoneId.of("Europe/Copenhagen"), time.zone());
        assertEquals(LocalDate.of(2026, 12, 8), time.today(FIVE_PAST_MIDNIGHT_IN_DENMARK));
    }

    @Test
    void theZoneIsASetting() throws Exception {
        TimeConfig time = FleetConfig.load(Optional.empty(), Map.of("time.zone", "UTC"), Map.of()).time();
        assertEquals(LocalDate.of(2026, 12, 7), time.today(FIVE_PAST_MIDNIGHT_IN_DENMARK));
        assertEquals(ZoneId.of("Atlantic/Faroe"),
                FleetConfig.load(Optional.empty(), Map.of(), Map.of("BOSTOTTE_TIME_ZONE", "Atlantic/Faroe")).time().zone());
    }

    @Test
    void anUnknownZoneNamesTheSetting() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> FleetConfig.load(Optional.empty(), Map.of("time.zone", "Europe/Nowhere"), Map.of()));
        assertTrue(e.getMessage().contains("time.zone"), e.getMessage());
    }
}
