package dk.bostotte.device.call;

import dk.bostotte.protocol.message.CallSignal.IceTransportPolicy;
import dk.bostotte.protocol.message.CallStats;
import dk.bostotte.protocol.message.IceServer;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.PadDirection;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.Structure;
import org.freedesktop.gstreamer.elements.AppSink;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.PadProbeReturn;
import org.freedesktop.gstreamer.PadProbeType;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Promise;
import org.freedesktop.gstreamer.SDPMessage;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.Version;
import org.freedesktop.gstreamer.glib.NativeObject;
import org.freedesktop.gstreamer.webrtc.WebRTCBin;
import org.freedesktop.gstreamer.webrtc.WebRTCPeerConnectionState;
import org.freedesktop.gstreamer.webrtc.WebRTCSDPType;
import org.freedesktop.gstreamer.webrtc.WebRTCSessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's media in GStreamer: {@link MediaPlan}'s sources and encoder into {@code webrtcbin},
 * which makes the offer; what arrives is decoded and played (video to the screen, audio through
 * the echo probe to the speaker). Callbacks from GStreamer's threads are kept short; the
 * connection state is watched by polling, since the binding does not expose its change signal.
 */
public final class GstCallMedia implements CallMedia {

    private static final Logger log = LoggerFactory.getLogger(GstCallMedia.class);

    private final MediaPlan plan;
    private final Optional<String> localIceAddress;
    private final Optional<VideoScreen> screen;
    private volatile boolean cameraOff;
    private volatile int speakerPercent = 100;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "call-media");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean reportedConnected = new AtomicBoolean();
    /**
     * Pictures and audio buffers played are the sinks' own counts ({@code stats} of a base sink),
     * read with the statistics: a Java call per buffer on a streaming thread cost more CPU than
     * the sink itself (bench call, perf). These counters, filled by a pad probe, stand in only
     * where a sink keeps no count.
     */
    private final AtomicLong videoFramesIn = new AtomicLong();
    private final AtomicLong audioBuffersIn = new AtomicLong();
    /** The base sinks that render the other side's pictures and sound, once found. */
    private volatile Element videoSink;
    private volatile Element audioSink;
    private final AtomicBoolean mediaArrived = new AtomicBoolean();
    private volatile ScheduledFuture<?> connectionWatch;
    /** Strong references: the binding's callbacks and dynamic elements must outlive this method's frames. */
    private final List<Object> keep = new CopyOnWriteArrayList<>();
    private final WebRtcStats stats = new WebRtcStats();
    private volatile Pipeline pipeline;
    private volatile WebRTCBin webrtc;
    private volatile Listener listener;
    private volatile MediaProfile profile;

    public GstCallMedia(MediaPlan plan, Optional<String> localIceAddress) {
        this(plan, localIceAddress, Optional.empty(), 100);
    }

    /** With {@code screen}, the plan should be {@link MediaPlan#onScreen()} so that pictures reach it. */
    public GstCallMedia(MediaPlan plan, Optional<String> localIceAddress, Optional<VideoScreen> screen, int speakerPercent) {
        this.plan = plan;
        this.localIceAddress = localIceAddress;
        this.screen = screen;
        this.speakerPercent = speakerPercent;
        this.profile = plan.ceiling();
    }

    /** Initialises GStreamer once per process. */
    public static synchronized void initGStreamer() {
        if (!Gst.isInitialized()) {
            Gst.init(Version.of(1, 16), "bostotte-device");
        }
    }

    /** Whether this GStreamer has the element; false too when GStreamer itself is missing (calls then fail with the reason). */
    public static boolean elementExists(String name) {
        try {
            initGStreamer();
            return ElementFactory.find(name) != null;
        } catch (IllegalArgumentException notInstalled) {
            return false;
        } catch (RuntimeException | LinkageError e) {
            log.warn("GStreamer is not usable here ({}); calls will fail until it is installed", e.toString());
            return false;
        }
    }

    @Override
    public void start(List<IceServer> iceServers, IceTransportPolicy policy, Listener listener) {
        initGStreamer();
        this.listener = listener;
        log.info("call ICE servers: {}{}", describe(iceServers),
                policy == IceTransportPolicy.RELAY ? " (relay only: media goes through TURN)" : "");
        String description = plan.sendDescription(profile, iceSettings(iceServers, policy));
        log.debug("call pipeline: {}", description);
        Element parsed = Gst.parseLaunch(description);
        if (!(parsed instanceof Pipeline p)) {
            throw new IllegalStateException("call pipeline did not parse into a pipeline");
        }
        pipeline = p;
        // One clock for every kiosk: otherwise it is whichever audio element is already running
        // when the call starts (the loudspeaker is not: it plays only once the other side's audio
        // arrives). The system clock runs from the start; the sound card's sinks follow it.
        NativeWebRtc.useSystemClock(pipeline);
        webrtc = (WebRTCBin) pipeline.getElementByName("webrtc");
        localIceAddress.ifPresent(a -> NativeWebRtc.addLocalAddress(webrtc, a));

        WebRTCBin.ON_NEGOTIATION_NEEDED negotiate = element -> createOffer();
        WebRTCBin.ON_ICE_CANDIDATE candidate = (mline, c) -> onWatcher(() -> listener.candidate(mline, c));
        Element.PAD_ADDED incoming = (element, pad) -> {
            if (pad.getDirection() == PadDirection.SRC) {
                decode(pad);
            }
        };
        Bus.ERROR error = (source, code, message) ->
                onWatcher(() -> fail("media error in " + source.getName() + ": " + message));
        keep.addAll(List.of(negotiate, candidate, incoming, error));
        webrtc.connect(negotiate);
        webrtc.connect(candidate);
        webrtc.connect(incoming);
        pipeline.getBus().connect(error);
        speakerVolume(speakerPercent);
        screen.ifPresent(s -> toScreen(pipeline.getElementByName("selfsink"), VideoScreen.Source.SELF, s));
        pipeline.play();
        connectionWatch = watcher.scheduleWithFixedDelay(this::watchConnection, 100, 100, TimeUnit.MILLISECONDS);
    }

    /**
     * Asks webrtcbin for the offer, holding the promise until it is answered. gst1-java-core's own
     * {@code createOffer} keeps no reference to its promise, so a garbage collection while the
     * offer is made (the first call of a process is the slow one: plugins, DTLS keys, a cold JIT)
     * frees the callback, and no offer is ever sent (gst1-java-core issue 270): the first call
     * "did not connect within 10 s" while every later one did, seen whenever the process had a
     * little more on its heap (a Pi4J context, hardware-notes/tested.md).
     */
    private void createOffer() {
        Promise[] held = new Promise[1];
        held[0] = new Promise(answered -> {
            try {
                WebRTCBin w = webrtc;
                if (w == null || closed.get()) {
                    return; // the call ended while the offer was made
                }
                Structure reply = answered.getReply();
                Object value = reply == null ? null : reply.getValue("offer");
                if (!(value instanceof WebRTCSessionDescription offer)) {
                    onWatcher(() -> fail("webrtcbin made no offer"));
                    return;
                }
                w.setLocalDescription(offer);
                String sdp = offer.getSDPMessage().toString();
                onWatcher(() -> listener.offer(sdp));
            } finally {
                keep.remove(held[0]);
                answered.dispose();
            }
        });
        keep.add(held[0]);
        webrtc.emit("create-offer", null, held[0]);
    }

    /** The fleet's ICE servers for the log: addresses and TURN user names, never the passwords. */
    static String describe(List<IceServer> servers) {
        if (servers == null || servers.isEmpty()) {
            return "none (host candidates only)";
        }
        StringBuilder b = new StringBuilder();
        for (IceServer s : servers) {
            b.append(b.length() == 0 ? "" : ", ").append(String.join(" ", s.urls()));
            if (s.username() != null) {
                b.append(" as ").append(s.username());
            }
        }
        return b.toString();
    }

    /** webrtcbin's stun-server / turn-server / ice-transport-policy settings from the fleet's ICE servers. */
    static String iceSettings(List<IceServer> servers, IceTransportPolicy policy) {
        String stun = null;
        String turn = null;
        for (IceServer s : servers == null ? List.<IceServer>of() : servers) {
            for (String url : s.urls()) {
                if (stun == null && url.startsWith("stun:")) {
                    stun = "stun://" + url.substring("stun:".length());
                } else if (turn == null && url.startsWith("turn:") && s.username() != null && s.credential() != null) {
                    String hostPort = url.substring("turn:".length());
                    turn = "turn://" + enc(s.username()) + ":" + enc(s.credential()) + "@" + hostPort;
                }
            }
        }
        return (stun == null ? "" : "stun-server=\"" + stun + "\" ") + (turn == null ? "" : "turn-server=\"" + turn + "\"")
                + (policy == IceTransportPolicy.RELAY ? " ice-transport-policy=relay" : "");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Decodes one incoming stream and counts what is decoded, so the call can say media flows. The
     * codecs are the ones this device offered, so the chain is built straight from the pad's caps;
     * decodebin (slower to start: it type-finds first) only for anything else.
     */
    private void decode(Pad pad) {
        Caps caps = pad.getCurrentCaps() != null ? pad.getCurrentCaps() : pad.queryCaps(null);
        String encoding = caps == null || caps.size() == 0 ? "" : String.valueOf(caps.getStructure(0).getString("encoding-name"));
        String video = "queue ! videoconvert ! " + plan.videoSink();
        switch (encoding) {
            case "VP8" -> linkVideo(pad, "rtpvp8depay ! vp8dec ! " + video);
            case "H264" -> linkVideo(pad, "rtph264depay ! h264parse ! " + plan.h264Decoder() + " ! " + video);
            case "OPUS" -> linkAudio(pad, "rtpopusdepay ! opusdec");
            default -> decodeAnything(pad);
        }
    }

    private void linkVideo(Pad from, String description) {
        Bin sink = Gst.parseBinFromDescription(description, true);
        screen.ifPresent(s -> toScreen(sink.getElementByName("vsink"), VideoScreen.Source.REMOTE, s));
        attach(sink, from);
        Element counted = renderingSink(sink.getElementByName("vsink"));
        if (counted != null) {
            videoSink = counted;
        } else {
            count(sink.getStaticPad("sink"), videoFramesIn);
        }
        firstBuffer(sink.getStaticPad("sink"), "first video frame decoded");
    }

    /** Decodes the other side's audio into the loudspeaker's branch (there is one such stream). */
    private void linkAudio(Pad from, String description) {
        Pad speaker = pipeline.getElementByName(MediaPlan.SPEAKER).getStaticPad("sink");
        if (speaker.isLinked()) {
            log.warn("a second audio stream from the other side is not played");
            attach(Gst.parseBinFromDescription("fakesink sync=false", true), from);
            return;
        }
        attach(Gst.parseBinFromDescription(plan.audioSink(), true),
                pipeline.getElementByName(MediaPlan.SPEAKER_OUT).getStaticPad("src"));
        Bin decoder = Gst.parseBinFromDescription(description, true);
        attach(decoder, from);
        decoder.getStaticPad("src").link(speaker);
        if (audioSink() == null) {
            count(decoder.getStaticPad("sink"), audioBuffersIn);
        }
        firstBuffer(decoder.getStaticPad("sink"), "first audio decoded");
    }

    /**
     * The base sink that renders what reaches {@code sink}: itself, or the one an auto-detecting
     * sink bin chose inside it (there once it runs); null where none keeps a count.
     */
    static Element renderingSink(Element sink) {
        if (sink == null) {
            return null;
        }
        if (sink.listPropertyNames().contains("stats")) {
            return sink;
        }
        if (sink instanceof Bin bin) {
            for (Element child : bin.getElementsRecursive()) {
                if (child.listPropertyNames().contains("stats")) {
                    return child;
                }
            }
        }
        return null;
    }

    private void decodeAnything(Pad pad) {
        Element decodebin = ElementFactory.make("decodebin", null);
        Element.PAD_ADDED decoded = (element, out) -> {
            Caps caps = out.getCurrentCaps() != null ? out.getCurrentCaps() : out.queryCaps(null);
            String kind = caps == null || caps.size() == 0 ? "" : caps.getStructure(0).getName();
            if (kind.startsWith("video/")) {
                linkVideo(out, "queue ! videoconvert ! " + plan.videoSink());
            } else if (kind.startsWith("audio/")) {
                linkAudio(out, "queue ! audioconvert");
            }
        };
        keep.add(decoded);
        keep.add(decodebin);
        decodebin.connect(decoded);
        pipeline.add(decodebin);
        decodebin.syncStateWithParent();
        pad.link(decodebin.getStaticPad("sink"));
    }

    /** Puts {@code sink} in the pipeline, fed from {@code from}. */
    private void attach(Bin sink, Pad from) {
        pipeline.add(sink);
        sink.syncStateWithParent();
        from.link(sink.getStaticPad("sink"));
        keep.add(sink);
    }

    /** Hands each picture an appsink receives to the screen, copied out while the buffer is mapped. */
    private void toScreen(Element sink, VideoScreen.Source source, VideoScreen to) {
        if (!(sink instanceof AppSink appSink)) {
            return;
        }
        // The sample, its caps and its buffer are each a reference of their own, given back here: a
        // buffer left to the garbage collector cannot go back to its pool, so each picture took a
        // fresh 1.2 MB and the collector freed them in heaps (bench call --screen: 3 400 page faults
        // a second and 35 MB more resident once large blocks were mapped one by one).
        AppSink.NEW_SAMPLE onSample = element -> {
            Sample sample = element.pullSample();
            Caps caps = null;
            Buffer buffer = null;
            try {
                caps = sample.getCaps();
                Structure format = caps.getStructure(0);
                buffer = sample.getBuffer();
                ByteBuffer pixels = buffer.map(false);
                try {
                    if (!closed.get()) {
                        to.frame(source, format.getInteger("width"), format.getInteger("height"), pixels);
                    }
                } finally {
                    buffer.unmap();
                }
            } catch (RuntimeException e) {
                log.debug("picture not shown: {}", e.toString());
            } finally {
                if (buffer != null) {
                    buffer.dispose();
                }
                if (caps != null) {
                    caps.dispose();
                }
                sample.dispose();
            }
            return FlowReturn.OK;
        };
        keep.add(onSample);
        keep.add(appSink);
        appSink.connect(onSample);
    }

    /**
     * Logs when the first buffer from the other side reaches {@code pad}, and that media flows; the
     * first video frame ends call set-up (see bench call). The probe removes itself.
     */
    private void firstBuffer(Pad pad, String what) {
        AtomicBoolean seen = new AtomicBoolean();
        Pad.PROBE probe = (p, info) -> {
            if (seen.compareAndSet(false, true)) {
                log.info("call media: {} at {} (epoch ms)", what, System.currentTimeMillis());
                mediaArrived.set(true);
            }
            return PadProbeReturn.REMOVE;
        };
        keep.add(probe);
        pad.addProbe(PadProbeType.BUFFER, probe);
    }

    private void count(Pad pad, AtomicLong counter) {
        Pad.PROBE probe = (p, info) -> {
            counter.incrementAndGet();
            mediaArrived.set(true);
            return PadProbeReturn.OK;
        };
        keep.add(probe);
        pad.addProbe(PadProbeType.BUFFER, probe);
    }

    /**
     * Runs {@code task} on the call's own thread, unless the call has ended: GStreamer's threads
     * (ICE candidates, errors, the offer) may still call in while close() stops that thread.
     */
    private void onWatcher(Runnable task) {
        if (closed.get()) {
            return;
        }
        try {
            watcher.execute(task);
        } catch (RejectedExecutionException ended) {
            log.debug("call media: too late for the call's thread, it has ended");
        }
    }

    private void watchConnection() {
        WebRTCBin w = webrtc;
        if (closed.get() || w == null) {
            return;
        }
        WebRTCPeerConnectionState state = w.getConnectionState();
        if (state == WebRTCPeerConnectionState.CONNECTED && videoOrAudioArrived()
                && reportedConnected.compareAndSet(false, true)) {
            listener.connected();
            // Quick while setting up; once connected, only a failure is left to see, and once a second will do.
            connectionWatch.cancel(false);
            connectionWatch = watcher.scheduleWithFixedDelay(this::watchConnection, 1, 1, TimeUnit.SECONDS);
        } else if (state == WebRTCPeerConnectionState.FAILED) {
            fail("ICE failed: no network path to the other side");
        }
    }

    private boolean videoOrAudioArrived() {
        return mediaArrived.get();
    }

    private void fail(String reason) {
        if (!closed.get()) {
            log.warn("call media failed: {}", reason);
            listener.failed(reason);
        }
    }

    @Override
    public void remoteAnswer(String sdp) {
        WebRTCBin w = webrtc;
        if (w == null) {
            return;
        }
        SDPMessage message = new SDPMessage();
        message.parseBuffer(sdp);
        w.setRemoteDescription(new WebRTCSessionDescription(WebRTCSDPType.ANSWER, message));
    }

    @Override
    public void remoteCandidate(int sdpMLineIndex, String candidate) {
        WebRTCBin w = webrtc;
        if (w != null && candidate != null && !candidate.isEmpty()) {
            w.addIceCandidate(sdpMLineIndex, candidate);
        }
    }

    /** Well under the reporting period, so a slow answer cannot stack reports up. */
    private static final Duration STATS_TIMEOUT = Duration.ofMillis(1500);
    private int statsMissed;

    @Override
    public CallStats sample() {
        WebRTCBin w = webrtc;
        if (w == null || closed.get()) {
            return null;
        }
        try {
            String raw = NativeWebRtc.stats(w, STATS_TIMEOUT);
            statsMissed = 0;
            String session = sessionStats(w);
            log.trace("call statistics as webrtcbin gave them: {}", raw);
            log.trace("call statistics of the RTP session: {}", session);
            return stats.update(raw, session, System.nanoTime(), profile, played(videoSink, videoFramesIn),
                    played(audioSink(), audioBuffersIn));
        } catch (NativeWebRtc.StatsUnavailable e) {
            // Said once and then every tenth time: a stuck webrtcbin must show in the log, not flood it.
            if (statsMissed++ % 10 == 0) {
                log.warn("call statistics unavailable ({} in a row): {}", statsMissed, e.getMessage());
            }
            return null;
        }
    }

    /** The loudspeaker's base sink, looked for until an auto-detecting sink has chosen one. */
    private Element audioSink() {
        Element sink = audioSink;
        if (sink == null && pipeline != null) {
            sink = renderingSink(pipeline.getElementByName("asink"));
            audioSink = sink;
        }
        return sink;
    }

    /** What {@code sink} has rendered from the other side, by its own count; else what the probe counted. */
    private static long played(Element sink, AtomicLong probeCount) {
        if (sink == null) {
            return probeCount.get();
        }
        try {
            return WebRtcStats.rendered(NativeWebRtc.structureProperty(sink, "stats"));
        } catch (RuntimeException e) {
            log.debug("sink statistics unavailable: {}", e.toString());
            return probeCount.get();
        }
    }

    /** The RTP session's own figures, or null (then webrtcbin's alone count) if they cannot be read. */
    private String sessionStats(WebRTCBin w) {
        try {
            return NativeWebRtc.sessionStats(w);
        } catch (RuntimeException e) {
            log.debug("RTP session statistics unavailable: {}", e.toString());
            return null;
        }
    }

    /** The call's pipeline while it runs (tests look at its objects). */
    Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public MediaProfile profile() {
        return profile;
    }

    @Override
    public void apply(MediaProfile next) {
        Pipeline p = pipeline;
        if (p == null || next == profile) {
            return;
        }
        log.info("call media: {} -> {}", profile, next);
        if (next.hasVideo()) {
            p.getElementByName("vcaps").setCaps(Caps.fromString(MediaPlan.videoCaps(next)));
            Element encoder = p.getElementByName("venc");
            if (plan.codec() == MediaPlan.VideoCodec.VP8) {
                encoder.set("target-bitrate", next.videoBitrate);
            } else {
                encoder.set("extra-controls",
                        Structure.fromString("controls,video_bitrate=" + next.videoBitrate));
            }
        }
        // The valve opens only once the new size and bitrate are set, so the encoder never sees
        // the first frames after audio-only at the old size and then renegotiates mid-stream.
        p.getElementByName("vvalve").set("drop", !next.hasVideo() || cameraOff);
        profile = next;
    }

    @Override
    public void mute(boolean muted) {
        Pipeline p = pipeline;
        if (p != null) {
            p.getElementByName("mic").set("mute", muted);
        }
    }

    @Override
    public void cameraOff(boolean off) {
        cameraOff = off;
        Pipeline p = pipeline;
        if (p != null) {
            p.getElementByName("vvalve").set("drop", off || !profile.hasVideo());
        }
    }

    @Override
    public void speakerVolume(int percent) {
        speakerPercent = Math.max(0, Math.min(100, percent));
        Pipeline p = pipeline;
        if (p != null) {
            p.getElementByName("speaker").set("volume", speakerPercent / 100.0);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        screen.ifPresent(VideoScreen::clear);
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pipeline p = pipeline;
        if (p != null) {
            p.setState(State.NULL);
            // Each Java wrapper holds a reference to its GStreamer object, dropped only when the
            // garbage collector finalises the wrapper; a call's wrappers live long enough to reach
            // the old generation, so that waited for a full collection, and meanwhile the call's
            // elements stayed in memory with their last pictures (3.4 MB a call with the screen,
            // bench call --screen over 40 calls). Released here, with the call.
            for (Object o : keep) {
                if (o instanceof NativeObject wrapper) {
                    wrapper.dispose();
                }
            }
            for (Element e : new Element[] {videoSink, audioSink, webrtc}) {
                if (e != null) {
                    e.dispose();
                }
            }
            p.dispose();
        }
        // Every method that reaches GStreamer looks at these first: after close() they do nothing.
        pipeline = null;
        webrtc = null;
        videoSink = null;
        audioSink = null;
        keep.clear();
        // The pads and elements looked up during the call (a volume, a caps filter, each bin's
        // pads) and the screen's images hold native memory the same way, a little each: one full
        // collection as the call ends gives it all back at once (about 40 ms, once a call), where
        // the heap alone would wait for tens of calls.
        System.gc();
    }
}
