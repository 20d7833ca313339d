package dk.bostotte.device.call;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The offer is made even when the heap is collected while webrtcbin makes it: gst1-java-core's own
 * createOffer left its promise (and so its callback) to the garbage collector, and a kiosk's
 * first call then never sent an offer. Real GStreamer, the simulated kiosk's pipeline, no peer.
 */
class GstCallMediaOfferTest {

    @Test
    void theOfferArrivesWhileTheHeapIsCollectedOverAndOver() throws Exception {
        assumeTrue(GstCallMedia.elementExists("webrtcbin"), "GStreamer with webrtcbin is not installed");
        for (int attempt = 0; attempt < 3; attempt++) {
            OfferLatch offered = new OfferLatch();
            AtomicBoolean collecting = new AtomicBoolean(true);
            // Collections all the while the offer is made, as a busy 64 MB heap has them.
            Thread collector = new Thread(() -> {
                while (collecting.get()) {
                    System.gc();
                }
            });
            try (GstCallMedia media = new GstCallMedia(MediaPlan.probe(true, GstCallMedia::elementExists),
                    Optional.of("127.0.0.1"))) {
                collector.start();
                media.start(List.of(), dk.bostotte.protocol.message.CallSignal.IceTransportPolicy.ALL, offered);
                assertTrue(offered.await(Duration.ofSeconds(10)), "no offer in attempt " + (attempt + 1));
            } finally {
                collecting.set(false);
                collector.join();
            }
        }
    }
}
