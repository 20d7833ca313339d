package dk.bostotte.fleet.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.message.CallStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallQualityTest {

    private static CallStats stats(Double loss, Double rtt, Double recv, Long frames, CallStats.Mode mode) {
        return new CallStats(null, recv, loss, null, rtt, 640, 480, null, frames, null, mode);
    }

    @Test
    @SuppressWarnings("unchecked")
    void summarisesEachSideWithMeanAndWorst() {
        CallQuality q = new CallQuality();
        q.add("device", stats(1.0, 40.0, 900.0, 10L, CallStats.Mode.VIDEO));
        q.add("device", stats(5.0, 80.0, 300.0, 70L, CallStats.Mode.AUDIO_ONLY));
        q.add("device", stats(null, null, null, 60L, CallStats.Mode.VIDEO));
        q.add("browser", stats(0.0, 10.0, 500.0, 90L, null));
        Map<String, Object> s = q.summary();
        Map<String, Object> device = (Map<String, Object>) s.get("device");
        assertEquals(3, device.get("reports"));
        assertEquals(3.0, device.get("lossPctMean"), "missing figures are not counted as zero");
        assertEquals(5.0, device.get("lossPctWorst"));
        assertEquals(80.0, device.get("rttMsWorst"));
        assertEquals(300.0, device.get("recvKbpsLowest"), "for bitrate the worst is the lowest");
        assertEquals(70L, device.get("framesDecoded"), "the largest count seen");
        assertEquals("640x480", device.get("lastResolution"));
        assertEquals(2, s.get("modeChanges"), "video -> audio-only -> video");
        assertEquals("video", s.get("lastMode"));
        assertTrue(s.containsKey("browser"));
    }

    @Test
    void aCallWithoutReportsHasAnEmptySummary() {
        assertTrue(new CallQuality().summary().isEmpty());
    }
}
