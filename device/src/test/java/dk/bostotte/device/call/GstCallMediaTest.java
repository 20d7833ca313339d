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
