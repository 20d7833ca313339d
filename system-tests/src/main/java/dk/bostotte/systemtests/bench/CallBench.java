package dk.bostotte.systemtests.bench;

import dk.bostotte.device.call.MediaPlan;
import dk.bostotte.systemtests.DeviceProcess;
import dk.bostotte.systemtests.FleetTestEnvironment;
import dk.bostotte.systemtests.FreePorts;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bostotte bench call}: repeated calls over loopback from headless Chromium to a simulated
 * device, measuring click → first decoded frame in the browser and on the device; then the
 * device's CPU and memory in a held 640×480 call against a bare gst-launch-1.0 pipeline doing
 * the same encode and decode. The machine is shared and its load moves each figure by a third
 * from one minute to the next, so held calls and bare runs take turns ({@code --rounds}) and the
 * ratio is of their medians.
 */
@Command(name = "call", mixinStandardHelpOptions = true, description = "Call set-up time, device CPU and memory in a call.")
public final class CallBench implements Callable<Integer> {

    private static final Pattern DEVICE_FIRST_FRAME = Pattern.compile("first video frame decoded at (\\d+)");

    @Option(names = "--calls", defaultValue = "10", description = "Measured calls (after one warm-up call).")
    int calls;

    @Option(names = "--hold-s", defaultValue = "20", description = "Seconds of each held call and of each bare pipeline run.")
    int holdSeconds;

    @Option(names = "--screen", description = "Run the kiosk with its screen, a window on a virtual display (Xvfb), "
            + "which draws the worker's picture and the citizen's own as a kiosk does; without it the kiosk has no screen.")
    boolean screen;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Rounds of bare pipeline, held call, bare pipeline with echo canceller, the same over SRTP "
                    + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    /** The call's camera picture at 640×480, encoded with the device's own VP8 settings. */
    private static final String VIDEO_ENCODED = "videotestsrc is-live=true " + MediaPlan.TEST_PICTURE
            + " ! videoconvert ! videoscale ! videorate ! video/x-raw,width=640,height=480,framerate=30/1 ! queue ! "
            + MediaPlan.vp8Encoder();
    /** A microphone's worth of sound, in the format the call's Opus encoder takes. */
    private static final String AUDIO_IN = "audiotestsrc is-live=true wave=sine freq=440 volume=0.2 ! audioconvert ! audioresample "
            + "! audio/x-raw,rate=48000,channels=1";
    /** What the loudspeaker branch does before its sink: the echo canceller's probe hears it. */
    private static final String AUDIO_OUT_WITH_ECHO_PROBE = "audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=1 "
            + "! webrtcechoprobe name=benchecho ! fakesink sync=true";

    /** The same work as the device's media, with the device's own encoder settings, without WebRTC, signalling or the JVM. */
    static final String BARE_PIPELINE = VIDEO_ENCODED + " ! vp8dec ! videoconvert ! fakesink sync=false " + AUDIO_IN + " ! "
            + MediaPlan.OPUS_ENCODER + " ! opusdec ! audioconvert ! fakesink sync=true";

    /**
     * The same, with the echo canceller and its probe in the audio path as the device has them: what
     * the device's media costs beyond encode and decode themselves.
     */
    static final String BARE_PIPELINE_WITH_ECHO_CANCELLER = VIDEO_ENCODED + " ! vp8dec ! videoconvert ! fakesink sync=false "
            + AUDIO_IN + " ! webrtcdsp probe=benchecho ! audioconvert ! " + MediaPlan.OPUS_ENCODER + " ! opusdec ! "
            + AUDIO_OUT_WITH_ECHO_PROBE;

    /** A fixed SRTP master key (16 bytes key, 14 bytes salt): the bench's own packets, on loopback. */
    private static final String BENCH_SRTP_KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d";
    private static final String SRTP_POLICY = "rtp-cipher=aes-128-icm rtp-auth=hmac-sha1-80 rtcp-cipher=aes-128-icm rtcp-auth=hmac-sha1-80";

    /**
     * The echo canceller's pipeline with the transport a call has besides webrtcbin's bookkeeping:
     * RTP packets, SRTP encryption, UDP over loopback, decryption and the jitter buffer at the
     * call's latency. The remaining difference to the device is webrtcbin (ICE, DTLS, RTCP and its
     * sessions), signalling and the JVM. Both directions in one process, as on the device.
     */
    static String barePipelineOverSrtp(int videoPort, int audioPort) {
        return VIDEO_ENCODED + " ! rtpvp8pay pt=96 ssrc=1 ! " + srtpOut(videoPort) + " "
                + srtpIn(videoPort, "video", "VP8", 90000, 96, 1) + " ! rtpvp8depay ! vp8dec ! videoconvert ! fakesink name=video-out sync=false "
                + AUDIO_IN + " ! webrtcdsp probe=benchecho ! audioconvert ! " + MediaPlan.OPUS_ENCODER + " ! rtpopuspay pt=111 ssrc=2 ! "
                + srtpOut(audioPort) + " " + srtpIn(audioPort, "audio", "OPUS", 48000, 111, 2) + " ! rtpopusdepay ! opusdec name=audio-out ! "
                + AUDIO_OUT_WITH_ECHO_PROBE;
    }

    private static String srtpOut(int port) {
        // async=false: a sink that waited for preroll would hold the pipeline, and its own receiver, back.
        return "srtpenc key=" + BENCH_SRTP_KEY + " " + SRTP_POLICY + " ! udpsink host=127.0.0.1 port=" + port + " sync=false async=false";
    }

    private static String srtpIn(int port, String media, String encoding, int clockRate, int payload, int ssrc) {
        return "udpsrc address=127.0.0.1 port=" + port + " caps=application/x-srtp,media=(string)" + media + ",encoding-name=(string)"
                + encoding + ",clock-rate=(int)" + clockRate + ",payload=(int)" + payload + ",ssrc=(uint)" + ssrc
                + ",srtp-key=(buffer)" + BENCH_SRTP_KEY + ",srtp-cipher=(string)aes-128-icm,srtp-auth=(string)hmac-sha1-80"
                + ",srtcp-cipher=(string)aes-128-icm,srtcp-auth=(string)hmac-sha1-80 ! srtpdec ! rtpjitterbuffer latency="
                + MediaPlan.JITTER_BUFFER_MS;
    }

    @Override
    public Integer call() throws Exception {
        if (!ConsoleBrowser.available()) {
            System.err.println("bench call needs chromium and chromedriver (./bostotte installs them)");
            return 2;
        }
        List<Long> browserSetup = new ArrayList<>();
        List<Long> deviceSetup = new ArrayList<>();
        List<Double> deviceCpus = new ArrayList<>();
        List<Double> bareCpus = new ArrayList<>();
        List<Double> bareEchoCpus = new ArrayList<>();
        List<Double> bareSrtpCpus = new ArrayList<>();
        List<Double> jvmCpus = new ArrayList<>();
        long rssMax = 0;
        Map<String, Double> deviceThreads = new HashMap<>();
        List<String> browserSent = new ArrayList<>();
        VirtualDisplay display = screen ? VirtualDisplay.start(":96") : null;
        if (screen && display == null) {
            System.err.println("bench call --screen needs Xvfb (./bostotte installs it)");
            return 2;
        }
        try (FleetTestEnvironment env = FleetTestEnvironment.start(Map.of("call.ring.timeout.s", "30"))) {
            var device = env.enroll("bench-kiosk", "BENCH-CALL");
            env.addCitizen("Bench citizen", "staff", device.id());
            try (DeviceProcess kiosk = env.startDevice(display != null ? display.prefix() : List.of(), device, "--simulate",
                    "--answer-after-s", "0.001", "--ice-local-address", "127.0.0.1", "--ui", display != null ? "window" : "off");
                 ConsoleBrowser browser = ConsoleBrowser.open(env.httpUrl(), Path.of("target", "bench-screenshots"))) {
                kiosk.awaitConnected(Duration.ofSeconds(30));
                browser.signIn("staff", FleetTestEnvironment.ADMIN_PASSWORD);
                progress("one warm-up call, then %d timed calls", calls);
                for (int i = 0; i <= calls; i++) {
                    long[] setup = oneCall(browser, kiosk, device.id().value(), i + 1);
                    if (i > 0) { // the first call warms up the JIT, GStreamer's plugin cache and Chromium
                        browserSetup.add(setup[0]);
                        deviceSetup.add(setup[1]);
                    }
                    hangUp(browser, kiosk, i + 1);
                }
                // Held calls, each between the two bare runs of its round: the device's CPU and memory
                // while it encodes, decodes and relays media, next to the same work without WebRTC.
                for (int r = 0; r < rounds; r++) {
                    progress("round %d of %d: bare pipeline, %d s", r + 1, rounds, holdSeconds);
                    bareCpus.add(bareCpu(BARE_PIPELINE));
                    progress("round %d of %d: call held, %d s", r + 1, rounds, holdSeconds);
                    dial(browser, device.id().value());
                    browser.waitFor(Duration.ofSeconds(30), () -> "connected".equals(state(browser)));
                    // Media from the worker reached the device too: a call that is one-way is not measured.
                    kiosk.awaitLog("call: in call with", calls + 2 + r, Duration.ofSeconds(30));
                    Thread.sleep(3000);
                    var threadsBefore = ProcessStats.threads(kiosk.pid());
                    double before = ProcessStats.cpuSeconds(kiosk.pid());
                    long start = System.nanoTime();
                    long end = start + TimeUnit.SECONDS.toNanos(holdSeconds);
                    Set<Long> jvmThreads = Set.of();
                    while (System.nanoTime() < end) {
                        rssMax = Math.max(rssMax, ProcessStats.rssBytes(kiosk.pid()));
                        if (jvmThreads.isEmpty()) {
                            jvmThreads = ProcessStats.jvmThreads(kiosk.pid(), ProcessStats.threads(kiosk.pid()));
                        }
                        Thread.sleep(500);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    deviceCpus.add((ProcessStats.cpuSeconds(kiosk.pid()) - before) / seconds);
                    var threadsAfter = ProcessStats.threads(kiosk.pid());
                    ProcessStats.coresByThreadKind(threadsBefore, threadsAfter, seconds)
                            .forEach((kind, cores) -> deviceThreads.merge(kind, cores / rounds, Double::sum));
                    jvmCpus.add(ProcessStats.cores(threadsBefore, threadsAfter, seconds, jvmThreads));
                    browserSent.add(String.valueOf(browser.js("return JSON.stringify(window.bostotteCall.sentVideo || null)")));
                    hangUp(browser, kiosk, calls + 2 + r);
                    progress("round %d of %d: bare pipeline with echo canceller, %d s", r + 1, rounds, holdSeconds);
                    bareEchoCpus.add(bareCpu(BARE_PIPELINE_WITH_ECHO_CANCELLER));
                    progress("round %d of %d: bare pipeline with echo canceller, over SRTP, %d s", r + 1, rounds, holdSeconds);
                    bareSrtpCpus.add(bareCpu(barePipelineOverSrtp(FreePorts.nextUdp(), FreePorts.nextUdp())));
                }
            }
        } finally {
            if (display != null) {
                display.close();
            }
        }
        double deviceCpu = median(deviceCpus);
        double bareCpu = median(bareCpus);
        double bareEchoCpu = median(bareEchoCpus);
        double bareSrtpCpu = median(bareSrtpCpus);
        double jvmCpu = median(jvmCpus);
        System.out.printf(Locale.ROOT, "rounds: device %s, bare %s, bare with echo canceller %s, the same over SRTP %s%n",
                deviceCpus, bareCpus, bareEchoCpus, bareSrtpCpus);
        // What the device decoded is what the browser sent: its size, rate and why it held back, if it did.
        System.out.println("browser sent the device, at the end of each held call: " + String.join(", ", browserSent));
        System.out.println("device threads in a held call, cores (mean of the rounds): " + deviceThreads.entrySet().stream()
                .filter(e -> e.getValue() >= 0.0005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")));
        Collections.sort(browserSetup);
        Collections.sort(deviceSetup);
        System.out.printf(Locale.ROOT, "screen=%s calls=%d setup_p50_ms=%d setup_p95_ms=%d device_setup_p50_ms=%d "
                        + "device_setup_p95_ms=%d cpu_device=%.3f cpu_device_jvm=%.3f jvm_share=%.3f cpu_bare=%.3f "
                        + "cpu_bare_echo=%.3f cpu_bare_srtp=%.3f cpu_ratio=%.2f cpu_ratio_echo=%.2f cpu_ratio_srtp=%.2f rss_mb=%d%n",
                screen ? "window" : "none", browserSetup.size(), pct(browserSetup, 50), pct(browserSetup, 95), pct(deviceSetup, 50),
                pct(deviceSetup, 95), deviceCpu, jvmCpu, jvmCpu / deviceCpu, bareCpu, bareEchoCpu, bareSrtpCpu, deviceCpu / bareCpu,
                deviceCpu / bareEchoCpu, deviceCpu / bareSrtpCpu, rssMax / (1024 * 1024));
        return 0;
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench call: " + format + "%n", args);
    }

    private static String state(ConsoleBrowser browser) {
        return String.valueOf(browser.js("return window.bostotteCall.state"));
    }

    private static void dial(ConsoleBrowser browser, String deviceId) {
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(By.id("call")).isDisplayed());
        browser.get("/");
        browser.waitFor(Duration.ofSeconds(10), () -> browser.callState().contains("\"socket\":\"open\""));
        browser.click(By.cssSelector("button.call[data-device='" + deviceId + "']"), Duration.ofSeconds(15));
    }

    /** Returns {browser, device} milliseconds from the click to the first decoded frame. */
    private static long[] oneCall(ConsoleBrowser browser, DeviceProcess kiosk, String deviceId, int n) {
        dial(browser, deviceId);
        browser.waitFor(Duration.ofSeconds(30), () -> browser.js("return window.bostotteCall.firstFrameAt || 0")
                instanceof Number f && f.longValue() > 0);
        long dialAt = ((Number) browser.js("return window.bostotteCall.dialAt")).longValue();
        long browserFrame = ((Number) browser.js("return window.bostotteCall.firstFrameAt")).longValue();
        kiosk.awaitLog("first video frame decoded at", n, Duration.ofSeconds(30));
        Matcher m = DEVICE_FIRST_FRAME.matcher(kiosk.output());
        long deviceFrame = 0;
        while (m.find()) {
            deviceFrame = Long.parseLong(m.group(1));
        }
        return new long[] {browserFrame - dialAt, deviceFrame - dialAt};
    }

    private static void hangUp(ConsoleBrowser browser, DeviceProcess kiosk, int n) {
        browser.click(By.id("call-hangup"), Duration.ofSeconds(5));
        kiosk.awaitLog("call: idle", n, Duration.ofSeconds(10));
    }

    private double bareCpu(String pipeline) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gst-launch-1.0", "-q"));
        cmd.addAll(List.of(pipeline.split(" ")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(3000);
            double before = ProcessStats.cpuSeconds(p.pid());
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
            return (ProcessStats.cpuSeconds(p.pid()) - before) / ((System.nanoTime() - start) / 1e9);
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
