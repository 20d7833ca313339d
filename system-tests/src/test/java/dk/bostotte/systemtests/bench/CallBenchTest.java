package dk.bostotte.systemtests.bench;

import dk.bostotte.systemtests.Requirements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.call.GstCallMedia;
import dk.bostotte.device.call.MediaPlan;
import dk.bostotte.systemtests.FreePorts;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.PadProbeReturn;
import org.freedesktop.gstreamer.PadProbeType;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.junit.jupiter.api.Test;

class CallBenchTest {

    @Test
    void theBarePipelinesEncodeWithTheCallsOwnSettingsAndTheSecondAddsTheEchoCanceller() {
        for (String bare : new String[] {CallBench.BARE_PIPELINE, CallBench.BARE_PIPELINE_WITH_ECHO_CANCELLER}) {
            assertTrue(bare.startsWith("videotestsrc is-live=true " + MediaPlan.TEST_PICTURE + " "), "the call's test picture: " + bare);
            assertTrue(bare.contains(MediaPlan.vp8Encoder() + " ! vp8dec"), bare);
            assertTrue(bare.contains(MediaPlan.OPUS_ENCODER + " ! opusdec"), bare);
        }
        assertTrue(!CallBench.BARE_PIPELINE.contains("webrtcdsp"));
        assertTrue(CallBench.BARE_PIPELINE_WITH_ECHO_CANCELLER.contains("webrtcdsp probe=benchecho"));
        assertTrue(CallBench.BARE_PIPELINE_WITH_ECHO_CANCELLER.contains("webrtcechoprobe name=benchecho"));
    }

    @Test
    void gstLaunchCanRunBothBarePipelines() {
        Requirements.require(GstCallMedia.elementExists("webrtcdsp"), "GStreamer with webrtcdsp is not installed");
        for (String bare : new String[] {CallBench.BARE_PIPELINE, CallBench.BARE_PIPELINE_WITH_ECHO_CANCELLER,
                CallBench.barePipelineOverSrtp(5004, 5006)}) {
            Pipeline p = (Pipeline) Gst.parseLaunch(bare);
            p.dispose();
        }
    }

    @Test
    void theBarePipelineOverSrtpDecodesWhatItEncryptedAndSent() throws Exception {
        Requirements.require(GstCallMedia.elementExists("webrtcdsp") && GstCallMedia.elementExists("srtpenc"),
                "GStreamer with webrtcdsp and srtpenc is not installed");
        String bare = CallBench.barePipelineOverSrtp(FreePorts.nextUdp(), FreePorts.nextUdp());
        assertTrue(bare.contains(MediaPlan.vp8Encoder() + " ! rtpvp8pay") && bare.contains("webrtcdsp probe=benchecho"), bare);
        // A pipeline whose packets went nowhere would cost little and flatter the device: it must decode.
        Pipeline p = (Pipeline) Gst.parseLaunch(bare);
        AtomicInteger pictures = new AtomicInteger();
        AtomicInteger sound = new AtomicInteger();
        p.getElementByName("video-out").getStaticPad("sink").addProbe(PadProbeType.BUFFER, (pad, info) -> {
            pictures.incrementAndGet();
            return PadProbeReturn.OK;
        });
        p.getElementByName("audio-out").getStaticPad("src").addProbe(PadProbeType.BUFFER, (pad, info) -> {
            sound.incrementAndGet();
            return PadProbeReturn.OK;
        });
        try {
            p.play();
            long end = System.nanoTime() + 20_000_000_000L;
            while ((pictures.get() < 30 || sound.get() < 50) && System.nanoTime() < end) {
                Thread.sleep(50);
            }
        } finally {
            p.setState(State.NULL);
            p.dispose();
        }
        assertTrue(pictures.get() >= 30, "pictures decoded from SRTP: " + pictures);
        assertTrue(sound.get() >= 50, "20 ms sound packets decoded from SRTP: " + sound);
    }

    @Test
    void theJvmsThreadsAreThoseItStartedNotGStreamersThreadsAttachedToIt() {
        // As JDK 17's jcmd lists them; 0x6b2e is a GStreamer streaming thread that called into Java.
        String listing = """
                "agent" #23 daemon prio=5 os_prio=0 cpu=812.34ms elapsed=60.12s tid=0x00007f2c nid=0x6b2a waiting on condition  [0x0]
                "MQTT Rec: 6KT0-AAZW" #31 daemon prio=5 os_prio=0 cpu=40.01ms elapsed=59.8s tid=0x00007f2d nid=0x6b2b runnable  [0x0]
                "VM Thread" os_prio=0 cpu=120.50ms elapsed=60.2s tid=0x00007f2e nid=0x6b2c runnable
                "GstBus" #40 daemon prio=5 os_prio=0 cpu=3000.00ms elapsed=20.1s tid=0x00007f2f nid=0x6b2e runnable  [0x0]
                "gone" #41 daemon prio=5 os_prio=0 cpu=1.00ms elapsed=1.0s tid=0x00007f30 nid=0x6b2f runnable  [0x0]
                """;
        var running = Map.of(0x6b2aL, new ProcessStats.ThreadCpu("agent", 1), 0x6b2bL, new ProcessStats.ThreadCpu("MQTT Rec: 6KT0-", 1),
                0x6b2cL, new ProcessStats.ThreadCpu("VM Thread", 1), 0x6b2eL, new ProcessStats.ThreadCpu("to-encoder:src", 30));
        assertEquals(java.util.Set.of(0x6b2aL, 0x6b2bL, 0x6b2cL), ProcessStats.jvmThreads(listing, running));
        assertEquals(java.util.Set.of(27434L), ProcessStats.jvmThreads("\"agent\" #23 daemon cpu=1ms tid=0x1 nid=27434 runnable",
                Map.of(27434L, new ProcessStats.ThreadCpu("agent", 1))), "JDK 19 and later print the id in decimal");
        var later = Map.of(0x6b2aL, new ProcessStats.ThreadCpu("agent", 2), 0x6b2eL, new ProcessStats.ThreadCpu("to-encoder:src", 40));
        assertEquals(0.1, ProcessStats.cores(running, later, 10, java.util.Set.of(0x6b2aL)), 1e-9);
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
