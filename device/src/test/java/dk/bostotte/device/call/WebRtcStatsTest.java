package dk.bostotte.device.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.message.CallStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against a real get-stats reply of webrtcbin 1.22, captured on this machine during a call with Chromium. */
class WebRtcStatsTest {

    private static String fixture() throws IOException {
        try (InputStream in = WebRtcStatsTest.class.getResourceAsStream("/webrtcbin-stats-1.22.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheNestedStructuresByTheirType() throws IOException {
        List<WebRtcStats.Entry> entries = WebRtcStats.parse(fixture());
        assertEquals(2, entries.stream().filter(e -> e.type().equals("inbound-rtp")).count());
        assertEquals(2, entries.stream().filter(e -> e.type().equals("outbound-rtp")).count());
        WebRtcStats.Entry remote = entries.stream().filter(e -> e.type().equals("remote-inbound-rtp")).findFirst().orElseThrow();
        assertEquals(0.0047149658203125, remote.number("round-trip-time"), 1e-12);
        WebRtcStats.Entry video = entries.stream()
                .filter(e -> e.type().equals("inbound-rtp") && "video".equals(e.fields().get("kind"))).findFirst().orElseThrow();
        assertEquals(239074, video.number("bytes-received"));
        assertEquals(0.0020777777777777778, video.number("jitter"), 1e-15);
        // Fields of the jitterbuffer structure nested one level deeper are not taken as the stream's own.
        assertNull(video.fields().get("num-pushed"));
    }

    @Test
    void bitratesComeFromTheByteCountersBetweenTwoSamples() throws IOException {
        WebRtcStats stats = new WebRtcStats();
        String text = fixture();
        CallStats first = stats.update(text, 1_000_000_000L, MediaProfile.SD, 10, 20);
        assertNull(first.sendKbps(), "no rate before there is a previous sample");
        assertEquals(4.7, first.rttMs());
        assertEquals(0.0, first.lossPct());
        assertEquals(3.3, first.jitterMs(), "the worse of the two incoming streams");
        // One second later 1 000 more bytes were received: 8 kbit/s.
        String later = text.replace("bytes-received\\=\\(guint64\\)239074", "bytes-received\\=\\(guint64\\)240074");
        CallStats second = stats.update(later, 2_000_000_000L, MediaProfile.SD, 40, 70);
        assertEquals(8.0, second.recvKbps());
        assertEquals(0.0, second.sendKbps());
        assertEquals(40L, second.framesDecoded());
        assertEquals(70L, second.audioBuffersPlayed());
        assertEquals(640, second.width());
        assertEquals(CallStats.Mode.VIDEO, second.mode());
    }

    @Test
    void anAudioOnlyCallReportsNoPicture() throws IOException {
        CallStats s = new WebRtcStats().update(fixture(), 1, MediaProfile.AUDIO_ONLY, 0, 5);
        assertNull(s.width());
        assertEquals(CallStats.Mode.AUDIO_ONLY, s.mode());
    }

    @Test
    void garbageGivesNoFiguresAndNoException() {
        CallStats s = new WebRtcStats().update("not a structure =(structure)\"x, y\\=", 1, MediaProfile.SD, 0, 0);
        assertNotNull(s);
        assertNull(s.rttMs());
        assertTrue(WebRtcStats.parse("").isEmpty());
    }
}
