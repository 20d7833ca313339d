package dk.bostotte.fleet.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.fleet.config.VerdictThresholds;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private final VerdictThresholds t = VerdictThresholds.defaults();

    private Verdict line(Double down, Double up, Double rtt, Double jitter, Double loss) {
        return Verdict.of(new LineFigures(10, down, up, rtt, jitter, loss), t);
    }

    @Test
    void publicGuidanceForOneToOneVideo() {
        assertEquals(Verdict.VIDEO_HD, line(30.0, 8.0, 25.0, 4.0, 0.1));
        assertEquals(Verdict.VIDEO, line(30.0, 0.9, 25.0, 4.0, 0.1), "uplink below 1.2 Mbit/s: no HD");
        assertEquals(Verdict.VIDEO, line(30.0, 8.0, 150.0, 4.0, 0.1), "RTT over 100 ms: no HD");
        assertEquals(Verdict.VIDEO, line(30.0, 8.0, 25.0, 40.0, 0.1), "jitter over 30 ms: no HD");
        assertEquals(Verdict.VIDEO, line(30.0, 8.0, 25.0, 4.0, 1.5), "loss over 1 %: no HD");
        assertEquals(Verdict.AUDIO_ONLY, line(0.3, 0.3, 25.0, 4.0, 0.1), "0.3 Mbit/s carries voice, not 360p");
        assertEquals(Verdict.AUDIO_ONLY, line(30.0, 8.0, 250.0, 4.0, 0.1), "too slow to talk over video");
        assertEquals(Verdict.INSUFFICIENT, line(0.05, 0.05, 25.0, 4.0, 0.1));
        assertEquals(Verdict.INSUFFICIENT, line(30.0, 8.0, 25.0, 4.0, 15.0), "15 % loss breaks even audio");
    }

    @Test
    void boundariesAreStrictForDelayAndInclusiveForThroughput() {
        assertEquals(Verdict.VIDEO_HD, line(1.2, 1.2, 99.9, 29.9, 0.9));
        assertEquals(Verdict.VIDEO, line(1.2, 1.2, 100.0, 29.9, 0.9));
    }

    @Test
    void withoutMeasuredThroughputTheVerdictIsUnknownNotAGuess() {
        assertEquals(Verdict.UNKNOWN, line(null, 8.0, 25.0, 4.0, 0.1));
        assertEquals(Verdict.UNKNOWN, Verdict.of(new LineFigures(0, null, null, null, null, null), t));
        assertEquals(Verdict.UNKNOWN, Verdict.of(null, t));
        assertEquals(Verdict.VIDEO_HD, line(30.0, 8.0, null, null, null), "figures not measured do not count against it");
    }
}
