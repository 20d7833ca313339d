package dk.bostotte.fleet.citizens;

import dk.bostotte.protocol.message.AnswerPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dk.bostotte.fleet.config.ReportConfig;
import dk.bostotte.fleet.netq.ConnectionVerdicts;
import dk.bostotte.fleet.netq.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-call check staff see before pressing "Ring op", and the report's milestones. */
class PrecheckTest {

    private static Citizen citizen(String device) {
        return new Citizen(1, "Vera", "8000", 2L, "Vibeke", device, AnswerPolicy.RING, 10, List.of(), List.of(), null, null, 15,
                null, null, true);
    }

    private static ConnectionVerdicts.DeviceVerdict line(Verdict v) {
        return new ConnectionVerdicts.DeviceVerdict(v, null);
    }

    @Test
    void saysWhyACallIsUnlikelyInTheOrderThatMatters() {
        assertEquals("no-device", CitizenRoutes.precheck(citizen(null), false, false, null));
        assertEquals("offline", CitizenRoutes.precheck(citizen("K7M3-Q9PH"), false, true, line(Verdict.VIDEO)));
        assertEquals("locked", CitizenRoutes.precheck(citizen("K7M3-Q9PH"), true, true, line(Verdict.VIDEO)));
        assertEquals("audio-only", CitizenRoutes.precheck(citizen("K7M3-Q9PH"), true, false, line(Verdict.AUDIO_ONLY)));
        assertEquals("insufficient", CitizenRoutes.precheck(citizen("K7M3-Q9PH"), true, false, line(Verdict.INSUFFICIENT)));
        assertNull(CitizenRoutes.precheck(citizen("K7M3-Q9PH"), true, false, line(Verdict.VIDEO_HD)));
        assertNull(CitizenRoutes.precheck(citizen("K7M3-Q9PH"), true, false, line(Verdict.UNKNOWN)), "no verdict yet is no warning");
    }

    @Test
    void milestonesAreCitizensOrAShareOfTheTargetGroupRoundedUp() {
        ReportConfig c = new ReportConfig(123, List.of("50", "10%"), 3.79, 450);
        assertEquals(50, c.citizens("50"));
        assertEquals(13, c.citizens("10%"));
        try {
            new ReportConfig(100, List.of("ten"), 1, 1);
            throw new AssertionError("a milestone that is not a number must be refused");
        } catch (IllegalArgumentException e) {
            assertEquals(true, e.getMessage().contains("'ten'"));
        }
    }
}
