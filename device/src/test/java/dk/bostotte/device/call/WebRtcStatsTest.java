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
        return resource("/webrtcbin-stats-1.22.txt");
    }

    /** The RTP session's statistics at the same stage of a call (webrtcbin's rtpbin, session 0). */
    private static String sessionFixture() throws IOException {
        return resource("/rtpsession-stats-1.22.txt");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WebRtcStatsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheSessionsSourcesOursAndTheOtherSides() throws IOException {
        List<WebRtcStats.Entry> sources = WebRtcStats.parseSession(sessionFixture());
        assertEquals(4, sources.size());
        assertEquals(2, sources.stream().filter(e -> "true".equals(e.fields().get("internal"))).count());
        WebRtcStats.Entry video = sources.stream().filter(e -> "4286565502".equals(e.fields().get("ssrc"))).findFirst().orElseThrow();
        assertEquals(74977, video.number("octets-sent"));
        WebRtcStats.Entry reporter = sources.stream().filter(e -> "true".equals(e.fields().get("have-rb"))).findFirst().orElseThrow();
        assertEquals("4286565502", reporter.fields().get("rb-ssrc"), "the other side's last report block is about our video");
        // "sent-rb-fractionlost" (our report about them) is its own field, not taken for theirs about us.
        assertEquals(0, reporter.number("rb-fractionlost"));
    }

    @Test
    void whatWasSentAndTheReportsAboutItComeFromTheSessionWhenWebrtcbinHasLostTheStream() throws IOException {
        WebRtcStats stats = new WebRtcStats();
        // What webrtcbin's get-stats gave once the video had paused and resumed: nothing about what is sent.
        String webrtcbin = "";
        String session = sessionFixture();
        CallStats first = stats.update(webrtcbin, session, 1_000_000_000L, MediaProfile.LOW, 10, 20);
        assertEquals(3.2, first.rttMs(), "209/65536 s");
        assertEquals(0.0, first.lossPct());
        // One second on: 100 000 more octets of video went out, and the other side reports 64/256 lost.
        String later = session.replace("octets-sent\\=\\(guint64\\)74977", "octets-sent\\=\\(guint64\\)174977")
                .replace("rb-fractionlost\\=\\(uint\\)0\\,\\ rb-packetslost", "rb-fractionlost\\=\\(uint\\)64\\,\\ rb-packetslost");
        CallStats second = stats.update(webrtcbin, later, 2_000_000_000L, MediaProfile.LOW, 40, 70);
        assertEquals(800.0, second.sendKbps());
        assertEquals(25.0, second.lossPct());
        // The video stream is recreated (it resumed after a pause) and counts from 0 again: its 10 000
        // octets are what it sent since, not a fall that would make the rate 0.
        String recreated = later.replace("octets-sent\\=\\(guint64\\)174977", "octets-sent\\=\\(guint64\\)10000");
        CallStats third = stats.update(webrtcbin, recreated, 3_000_000_000L, MediaProfile.LOW, 40, 70);
        assertEquals(80.0, third.sendKbps());
    }

    @Test
    void decodedPicturesAreTheVideoSinksRenderedCount() {
        assertEquals(1234, WebRtcStats.rendered("application/x-gst-base-sink-stats, average-rate=(double)0.033, "
                + "dropped=(guint64)2, rendered=(guint64)1234;"));
        assertEquals(0, WebRtcStats.rendered(null));
        assertEquals(0, WebRtcStats.rendered("application/x-gst-base-sink-stats;"));
    }

    @Test
    void withoutTheSessionWebrtcbinsFiguresCountAlone() throws IOException {
        CallStats s = new WebRtcStats().update(fixture(), null, 1_000_000_000L, MediaProfile.SD, 1, 1);
        assertEquals(4.7, s.rttMs());
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
