package dk.bostotte.device.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.junit.jupiter.api.Test;

/** The GStreamer calls the binding lacks, on real GStreamer. */
class NativeWebRtcTest {

    @Test
    void aCallPipelineRunsOnTheSystemClockWhateverClockItsElementsOffer() {
        assumeTrue(GstCallMedia.elementExists("alsasink"), "GStreamer's ALSA plugin is not installed");
        // ALSA's null device plays nothing, but its sink offers its own clock as a loudspeaker's does.
        String description = "audiotestsrc ! alsasink device=null";
        Pipeline offered = (Pipeline) Gst.parseLaunch(description);
        Pipeline forced = (Pipeline) Gst.parseLaunch(description);
        try {
            NativeWebRtc.useSystemClock(forced);
            for (Pipeline p : new Pipeline[] {offered, forced}) {
                p.play();
                assertEquals(State.PLAYING, p.getState(5, TimeUnit.SECONDS));
            }
            assertTrue(offered.getClock().getTypeName().startsWith("GstAudio"), "the sink's clock is chosen unless told: "
                    + offered.getClock().getTypeName());
            assertEquals("GstSystemClock", forced.getClock().getTypeName());
        } finally {
            offered.stop();
            forced.stop();
            offered.dispose();
            forced.dispose();
        }
    }
}
