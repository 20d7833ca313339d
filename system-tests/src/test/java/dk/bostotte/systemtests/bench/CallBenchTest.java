package dk.bostotte.systemtests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.bostotte.device.call.GstCallMedia;
import dk.bostotte.device.call.MediaPlan;
import java.util.Map;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.junit.jupiter.api.Test;

class CallBenchTest {

    @Test
    void theBarePipelinesEncodeWithTheCallsOwnSettingsAndTheSecondAddsTheEchoCanceller() {
        for (String bare : new String[] {CallBench.BARE_PIPELINE, CallBench.BARE_PIPELINE_WITH_ECHO_CANCELLER}) {
            assertTrue(bare.contains(MediaPlan.vp8Encoder() + " ! vp8dec"), bare);
            assertTrue(bare.contains(MediaPlan.OPUS_ENCODER + " ! opusdec"), bare);
        }
        assertTrue(!CallBench.BARE_PIPELINE.contains("webrtcdsp"));
        assertTrue(CallBench.BARE_PIPELINE_WITH_ECHO_CANCELLER.contains("webrtcdsp probe=benchecho"));
        assertTrue(CallBench.BARE_PIPELINE_WITH_ECHO_CANCELLER.contains("webrtcechoprobe name=benchecho"));
    }

    @Test
    void gstLaunchCanRunBothBarePipelines() {
        assumeTrue(GstCallMedia.elementExists("webrtcdsp"), "GStreamer with webrtcdsp is not installed");
        for (String bare : new String[] {CallBench.BARE_PIPELINE, CallBench.BARE_PIPELINE_WITH_ECHO_CANCELLER}) {
            Pipeline p = (Pipeline) Gst.parseLaunch(bare);
            p.dispose();
        }
    }

    @Test
    void eachKindOfThreadIsTheSumOfItsThreadsBetweenTwoReadings() {
        var before = Map.of(1L, new ProcessStats.ThreadCpu("queue12:src", 10.0), 2L, new ProcessStats.ThreadCpu("agent", 5.0),
                3L, new ProcessStats.ThreadCpu("nicesrc3:src", 1.0));
        var after = Map.of(1L, new ProcessStats.ThreadCpu("queue12:src", 12.0), 2L, new ProcessStats.ThreadCpu("agent", 5.0),
                3L, new ProcessStats.ThreadCpu("nicesrc3:src", 1.5), 4L, new ProcessStats.ThreadCpu("nicesrc7:src", 0.5),
                5L, new ProcessStats.ThreadCpu("queue13:src", 1.0));
        // Over 10 s: the queues 2 + 1 s, the ICE sources 0.5 + 0.5 s (one started in between), the idle agent nothing.
        Map<String, Double> cores = ProcessStats.coresByThreadKind(before, after, 10);
        assertEquals(java.util.Set.of("queue:src", "nicesrc:src"), cores.keySet());
        assertEquals(0.3, cores.get("queue:src"), 1e-9);
        assertEquals(0.1, cores.get("nicesrc:src"), 1e-9);
    }
}
