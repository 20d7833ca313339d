package dk.bostotte.device.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.bostotte.protocol.message.CallSignal.IceTransportPolicy;
import dk.bostotte.protocol.message.IceServer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MediaPlanTest {

    @Test
    void aPi4UsesItsHardwareEncoderAndItsCameraAndMicrophone() {
        MediaPlan plan = MediaPlan.probe(false, Set.of("v4l2h264enc", "v4l2h264dec", "libcamerasrc", "pulsesrc")::contains);
        assertEquals(MediaPlan.VideoCodec.H264_V4L2, plan.codec());
        assertEquals("v4l2h264dec", plan.h264Decoder(), "the worker's H.264 decoded in hardware too");
        assertEquals(MediaProfile.HD, plan.ceiling());
        assertEquals("libcamerasrc", plan.videoSource());
        assertEquals("pulsesrc", plan.audioSource());
    }

    @Test
    void withoutAHardwareEncoderItIsVp8AtTheSizeThisCpuEncodesWithRoomToSpare() {
        // A Pi 4's cores: 720p at 25 frames/s is too slow, 640×480 at 90 holds.
        MediaPlan plan = MediaPlan.probe(false, Set.<String>of()::contains);
        assertEquals(MediaPlan.VideoCodec.VP8, plan.codec());
        assertEquals(MediaProfile.SD, plan.ceiling(), "until measured");
        assertEquals(MediaProfile.SD, EncoderSpeed.largestHeld(p -> p == MediaProfile.HD ? 25 : 90));
        assertEquals(MediaProfile.HD, plan.withCeiling(EncoderSpeed.largestHeld(p -> 75)).ceiling(), "a fast CPU holds 720p");
        assertEquals(MediaProfile.LOW, EncoderSpeed.largestHeld(p -> p == MediaProfile.SD ? 45 : 10),
                "30 frames/s with no headroom is not held: 320×240");
        assertEquals(MediaProfile.LOW, EncoderSpeed.largestHeld(p -> 0), "unmeasurable: the smallest");
        assertEquals("v4l2src", plan.videoSource());
        assertEquals("autoaudiosrc", plan.audioSource());
        assertEquals("avdec_h264", plan.h264Decoder());
    }

    @Test
    void theEncoderSpeedIsMeasuredWithTheCallsOwnVp8Encoder() {
        double fps = EncoderSpeed.vp8Fps(MediaProfile.LOW);
        assertTrue(fps > 30, "320×240 VP8 on this machine encodes at " + fps + " frames/s");
    }

    @Test
    void theTestPictureFillsTheEncodersTargetAsACamerasPictureDoes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assumeTrue(GstCallMedia.elementExists("vp8enc"), "GStreamer with vp8enc is not installed");
        // Three seconds of the test picture at SD through the call's encoder (800 kbit/s target).
        java.nio.file.Path out = dir.resolve("sd.vp8");
        org.freedesktop.gstreamer.Pipeline p = (org.freedesktop.gstreamer.Pipeline) org.freedesktop.gstreamer.Gst.parseLaunch(
                "videotestsrc num-buffers=90 " + MediaPlan.TEST_PICTURE + " ! " + MediaPlan.videoCaps(MediaProfile.SD)
                + " ! " + MediaPlan.vp8Encoder() + " ! filesink location=" + out);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        org.freedesktop.gstreamer.Bus.EOS eos = source -> done.countDown();
        p.getBus().connect(eos);
        try {
            p.play();
            assertTrue(done.await(30, java.util.concurrent.TimeUnit.SECONDS), "the encode did not finish");
        } finally {
            p.stop();
            p.dispose();
        }
        double kbps = java.nio.file.Files.size(out) * 8 / 3.0 / 1000;
        assertTrue(kbps > 600, "the test picture must keep the encoder busy like a camera's: " + Math.round(kbps) + " kbit/s");
    }

    @Test
    void simulatedDevicesUseTestSourcesWhateverIsInstalled() {
        MediaPlan plan = MediaPlan.probe(true, Set.of("v4l2h264enc", "libcamerasrc")::contains);
        assertEquals("videotestsrc is-live=true " + MediaPlan.TEST_PICTURE, plan.videoSource());
        assertTrue(plan.audioSource().startsWith("audiotestsrc"));
        assertEquals(MediaPlan.VideoCodec.VP8, plan.codec());
    }

    @Test
    void eachPipelineHasItsOwnEchoProbeAndStartsAudioOnlyWithTheValveClosed() {
        MediaPlan plan = MediaPlan.probe(true, s -> false);
        String a = plan.sendDescription(MediaProfile.SD, "");
        String b = plan.sendDescription(MediaProfile.AUDIO_ONLY, "");
        String probeA = a.replaceAll("(?s).*probe=(echo\\d+).*", "$1");
        assertTrue(a.contains("webrtcechoprobe name=" + probeA));
        assertTrue(!b.contains("probe=" + probeA + " "), "a second call must not look for the first call's probe");
        assertTrue(a.contains("drop=false") && b.contains("drop=true"));
        assertTrue(a.contains("width=640,height=480"));
    }

    @Test
    void theLoudspeakerBranchPlaysOnlyTheOtherSideThroughTheEchoProbe() {
        String d = MediaPlan.probe(true, s -> false).sendDescription(MediaProfile.SD, "");
        String probe = d.replaceAll("(?s).*probe=(echo\\d+).*", "$1");
        // Nothing mixed in and no source of its own: the branch starts at the speaker's volume, which
        // GstCallMedia feeds with the decoded audio, and has no sink until then (it would hold the
        // pipeline out of PLAYING): GstCallMedia adds the one that counts what it plays.
        assertTrue(d.endsWith(" volume name=" + MediaPlan.SPEAKER + " ! audioconvert ! audioresample ! "
                + "audio/x-raw,rate=48000,channels=1 ! webrtcechoprobe name=" + probe + " ! audioconvert name=" + MediaPlan.SPEAKER_OUT), d);
        assertTrue(!d.contains("asink"), d);
        assertTrue(!d.contains("audiomixer") && !d.contains("wave=silence"), d);
    }

    @Test
    void theStreamingThreadsAreNamedForWhatTheyCarry() {
        String d = MediaPlan.probe(true, s -> false).onScreen().sendDescription(MediaProfile.SD, "");
        for (String name : List.of("camera-src", "mic-src", "to-encoder", "to-opus", "to-selfview")) {
            assertTrue(d.contains(" name=" + name + " "), name + " in " + d);
            assertTrue((name + ":src").length() <= 15, "Linux keeps 15 characters of a thread's name: " + name);
        }
    }

    @Test
    void iceServersBecomeWebrtcbinSettingsWithTurnCredentialsEscaped() {
        String s = GstCallMedia.iceSettings(List.of(
                new IceServer(List.of("stun:stun.example:3478"), null, null),
                new IceServer(List.of("turns:turn.example:5349", "turn:turn.example:3478?transport=udp"),
                        "1741950000:K7M3-Q9PH", "a/b+c=")), IceTransportPolicy.ALL);
        assertEquals("stun-server=\"stun://stun.example:3478\" "
                + "turn-server=\"turn://1741950000%3AK7M3-Q9PH:a%2Fb%2Bc%3D@turn.example:3478?transport=udp\"", s);
        assertEquals("", GstCallMedia.iceSettings(List.of(), IceTransportPolicy.ALL));
        assertEquals("", GstCallMedia.iceSettings(null, IceTransportPolicy.ALL));
        String relay = GstCallMedia.iceSettings(List.of(new IceServer(List.of("turn:127.0.0.1:3478"), "u", "p")),
                IceTransportPolicy.RELAY);
        assertEquals("turn-server=\"turn://u:p@127.0.0.1:3478\" ice-transport-policy=relay", relay);
    }

    @Test
    void webrtcbinTakesTheRelayOnlyPolicy() {
        assumeTrue(GstCallMedia.elementExists("webrtcbin"), "GStreamer with webrtcbin is not installed");
        org.freedesktop.gstreamer.Element webrtc = org.freedesktop.gstreamer.Gst.parseLaunch(
                "webrtcbin " + GstCallMedia.iceSettings(List.of(), IceTransportPolicy.RELAY));
        try {
            // gst1-java-core may hand an enum property back as its number (1 is GST_WEBRTC_ICE_TRANSPORT_POLICY_RELAY)
            // or its nick, depending on the binding's version.
            String policy = String.valueOf(webrtc.get("ice-transport-policy"));
            assertTrue(policy.equals("1") || policy.equals("relay"), policy);
        } finally {
            webrtc.dispose();
        }
    }

    @Test
    void theVp8EncoderAloneIsTheCallsEncoderWithoutItsNameOrPayloader() {
        String alone = MediaPlan.vp8Encoder();
        assertTrue(alone.startsWith("vp8enc deadline=1 "), alone);
        assertTrue(MediaPlan.VideoCodec.VP8.encoder.replace("name=venc ", "").startsWith(alone + " ! rtpvp8pay"), alone);
        assertTrue(!alone.contains("!") && !alone.contains("name=") && !alone.contains("  "), alone);
        assertTrue(alone.contains(" threads=1"), alone);
    }
}
