package dk.bostotte.device.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.bostotte.protocol.message.CallSignal.IceTransportPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Gst;
import org.junit.jupiter.api.Test;

/** The call's pipeline on real GStreamer: the simulated kiosk's sources, no peer. */
class GstCallMediaTest {

    @Test
    void theCallsStreamingThreadsAreNamedForWhatTheyCarry() throws Exception {
        assumeTrue(GstCallMedia.elementExists("webrtcbin"), "GStreamer with webrtcbin is not installed");
        OfferLatch offered = new OfferLatch();
        try (GstCallMedia media = new GstCallMedia(MediaPlan.probe(true, GstCallMedia::elementExists), Optional.of("127.0.0.1"))) {
            media.start(List.of(), IceTransportPolicy.ALL, offered);
            assertTrue(offered.await(Duration.ofSeconds(10)), "no offer");
            // What top -H on a kiosk, and bench call, show for the camera, microphone and encoders.
            Set<String> threads = threadNames();
            for (String expected : List.of("camera-src:src", "mic-src:src", "to-encoder:src", "to-opus:src")) {
                assertTrue(threads.contains(expected), expected + " among " + threads);
            }
        }
    }

    @Test
    void theCitizensOwnPictureReachesTheScreenTenTimesASecond() throws Exception {
        assumeTrue(GstCallMedia.elementExists("webrtcbin"), "GStreamer with webrtcbin is not installed");
        CountingScreen screen = new CountingScreen(VideoScreen.Source.SELF);
        OfferLatch offered = new OfferLatch();
        MediaPlan plan = MediaPlan.probe(true, GstCallMedia::elementExists).onScreen();
        try (GstCallMedia media = new GstCallMedia(plan, Optional.of("127.0.0.1"), Optional.of(screen), 100)) {
            media.start(List.of(), IceTransportPolicy.ALL, offered);
            assertTrue(offered.await(Duration.ofSeconds(10)), "no offer");
            Thread.sleep(1000);
            long before = screen.pictures.get();
            Thread.sleep(3000);
            long perSecond = (screen.pictures.get() - before) / 3;
            // The camera makes thirty; the self-view takes ten of them, before any peer is there.
            assertTrue(perSecond >= 7 && perSecond <= 12, perSecond + " self-view pictures a second");
        }
    }

    /** A kiosk screen that counts whole pictures it is given: the self-view's (240×180) or any. */
    private static final class CountingScreen implements VideoScreen {
        final java.util.concurrent.atomic.AtomicLong pictures = new java.util.concurrent.atomic.AtomicLong();
        private final Source only;

        CountingScreen(Source only) {
            this.only = only;
        }

        @Override
        public void frame(Source source, int width, int height, java.nio.ByteBuffer bgrx) {
            boolean wanted = only == null || source == only && width == 240 && height == 180;
            if (wanted && bgrx.remaining() >= width * height * 4) {
                pictures.incrementAndGet();
            }
        }

        @Override
        public void clear() {
        }
    }

    /** GObject's weak references: told when an object is finalised, without keeping it alive. */
    interface GObjectWeakRefs extends com.sun.jna.Library {
        GObjectWeakRefs INSTANCE = com.sun.jna.Native.load("gobject-2.0", GObjectWeakRefs.class);

        interface Finalised extends com.sun.jna.Callback {
            void invoke(com.sun.jna.Pointer data, com.sun.jna.Pointer whereTheObjectWas);
        }

        void g_object_weak_ref(com.sun.jna.Pointer object, Finalised notify, com.sun.jna.Pointer data);
    }

    @Test
    void aCallsGStreamerObjectsAreFreedWhenItEndsNotAtTheNextFullCollection() throws Exception {
        assumeTrue(GstCallMedia.elementExists("webrtcbin"), "GStreamer with webrtcbin is not installed");
        CountingScreen screen = new CountingScreen(null);
        GstCallMedia media = new GstCallMedia(MediaPlan.probe(true, GstCallMedia::elementExists).onScreen(),
                Optional.of("127.0.0.1"), Optional.of(screen), 100);
        OfferLatch offered = new OfferLatch();
        media.start(List.of(), IceTransportPolicy.ALL, offered);
        assertTrue(offered.await(Duration.ofSeconds(10)), "no offer");
        Await.until(Duration.ofSeconds(5), () -> screen.pictures.get() > 3, "the self-view's pictures");
        // Weak references, taken natively so that the test itself holds no wrapper: the pipeline,
        // its webrtcbin, and the self-view's sink, which held the last picture it was given.
        Set<String> finalised = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<GObjectWeakRefs.Finalised> notices = new java.util.ArrayList<>();
        com.sun.jna.Pointer pipeline = NativeWebRtc.pointer(media.pipeline());
        for (String name : List.of("pipeline", "webrtc", "selfsink", "venc")) {
            com.sun.jna.Pointer object = name.equals("pipeline") ? pipeline
                    : NativeWebRtc.GstLib.INSTANCE.gst_bin_get_by_name(pipeline, name);
            GObjectWeakRefs.Finalised notice = (data, where) -> finalised.add(name);
            notices.add(notice);
            GObjectWeakRefs.INSTANCE.g_object_weak_ref(object, notice, null);
            if (object != pipeline) {
                NativeWebRtc.GstLib.INSTANCE.gst_object_unref(object);
            }
        }
        media.close();
        // The media object is still referenced here, as the call controller holds it a while: its
        // GStreamer objects must be gone all the same, with no garbage collection in between.
        Await.until(Duration.ofSeconds(5), () -> finalised.size() == 4, () -> "the call's objects freed; freed: " + finalised);
        assertTrue(media.profile() != null && notices.size() == 4, "both still referenced");
        // Its GStreamer objects gone, the media object still takes what a late signal or a tap on
        // the screen would ask of it, and does nothing.
        media.mute(true);
        media.cameraOff(true);
        media.speakerVolume(50);
        media.apply(MediaProfile.LOW);
        media.remoteCandidate(0, "candidate:1 1 UDP 2122252543 127.0.0.1 50000 typ host");
        assertNull(media.sample(), "no statistics from a closed call");
    }

    @Test
    void theRenderingSinkIsTheSinkItselfOrTheOneInsideAnAutoDetectingBin() {
        assumeTrue(GstCallMedia.elementExists("fakesink"), "GStreamer is not installed");
        Element sink = Gst.parseLaunch("fakesink name=plain");
        Bin chosen = Gst.parseBinFromDescription("queue ! fakesink name=inside", true);
        Element notASink = Gst.parseLaunch("videoconvert");
        try {
            assertSame(sink, GstCallMedia.renderingSink(sink));
            assertEquals("inside", GstCallMedia.renderingSink(chosen).getName());
            assertNull(GstCallMedia.renderingSink(notASink), "nothing there counts what it plays");
            assertNull(GstCallMedia.renderingSink(null));
        } finally {
            sink.dispose();
            chosen.dispose();
            notASink.dispose();
        }
    }

    private static Set<String> threadNames() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip();
                } catch (IOException gone) {
                    return "";
                }
            }).collect(Collectors.toSet());
        }
    }
}
