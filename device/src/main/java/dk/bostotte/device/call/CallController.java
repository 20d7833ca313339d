package dk.bostotte.device.call;

import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CallSignal;
import dk.bostotte.protocol.message.CallStats;
import dk.bostotte.protocol.message.DeviceCallSignal;
import dk.bostotte.protocol.message.IceServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's side of a call: idle, ringing, calling (the citizen asked for their worker),
 * connecting and in call. Signals from the fleet arrive through {@link #onPayload}; the citizen's
 * touches (and the physical button) through {@link #answer}, {@link #decline}, {@link #hangUp} and
 * {@link #callSupportWorker}. Everything runs on the agent thread; media callbacks are posted to it.
 */
public final class CallController {

    private static final Logger log = LoggerFactory.getLogger(CallController.class);
    static final Duration STATS_EVERY = Duration.ofSeconds(2);
    private long statsReports;
    /** Reports in a row that sent no more than audio while a video step was on (see {@link #report}). */
    private int videoSilentReports;
    /** Below this a video step sends no video: Opus and its RTP/RTCP alone make about 35 kbit/s. */
    static final double AUDIO_ONLY_KBPS = 60;

    public enum Phase { IDLE, RINGING, CALLING, CONNECTING, IN_CALL }

    /** What the screen shows; the kiosk UI implements it (a log line is enough headless). */
    public interface Display {
        void ringing(String caller, Integer autoAnswerS);

        void calling();

        void connecting(String other);

        void inCall(String other);

        void ended(String reason);

        void profileChanged(MediaProfile profile);

        /** The citizen's microphone and camera switches, as the call now runs with them. */
        default void controls(boolean muted, boolean cameraOff) {
        }

        /** This display, then {@code next}: the log and the screen both hear every change. */
        default Display andThen(Display next) {
            Display first = this;
            return new Display() {
                public void ringing(String caller, Integer autoAnswerS) { first.ringing(caller, autoAnswerS); next.ringing(caller, autoAnswerS); }
                public void calling() { first.calling(); next.calling(); }
                public void connecting(String other) { first.connecting(other); next.connecting(other); }
                public void inCall(String other) { first.inCall(other); next.inCall(other); }
                public void ended(String reason) { first.ended(reason); next.ended(reason); }
                public void profileChanged(MediaProfile p) { first.profileChanged(p); next.profileChanged(p); }
                public void controls(boolean muted, boolean cameraOff) { first.controls(muted, cameraOff); next.controls(muted, cameraOff); }
            };
        }
    }

    private final MessageCodec codec;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final Function<DeviceCallSignal, CompletableFuture<Void>> send;
    private final Supplier<CallMedia> mediaFactory;
    /** Not final: the kiosk screen joins after construction, see {@link #alsoShowOn}. */
    private volatile Display display;
    /** Simulated devices answer by themselves after this long, so one person can try a call alone. */
    private final Optional<Duration> simulatedAnswer;
    /** Read by other threads (the throughput test must not run during a call). */
    private volatile Phase phase = Phase.IDLE;
    private String callId;
    private String other;
    private List<IceServer> iceServers = List.of();
    private CallSignal.IceTransportPolicy icePolicy = CallSignal.IceTransportPolicy.ALL;
    private CallMedia media;
    private CallAdapter adapter;
    private ScheduledFuture<?> answerTimer;
    private ScheduledFuture<?> statsTimer;

    public CallController(MessageCodec codec, Clock clock, ScheduledExecutorService thread,
                          Function<DeviceCallSignal, CompletableFuture<Void>> send, Supplier<CallMedia> mediaFactory,
                          Display display, Optional<Duration> simulatedAnswer) {
        this.codec = codec;
        this.clock = clock;
        this.thread = thread;
        this.send = send;
        this.mediaFactory = mediaFactory;
        this.display = display;
        this.simulatedAnswer = simulatedAnswer;
    }

    public Phase phase() {
        return phase;
    }

    /**
     * Also shows each change on {@code more} (the kiosk screen, which is built after the calls because its
     * buttons drive them); call while wiring, before the first call.
     */
    public void alsoShowOn(Display more) {
        display = display.andThen(more);
    }

    private BooleanSupplier locked = () -> false;
    private BooleanSupplier autoAnswerAllowed = () -> true;
    private IntSupplier speakerPercent = () -> 100;
    private boolean muted;
    private boolean cameraOff;

    /**
     * The device's own answer policy: while it says no, a ring that asks to be auto-answered just
     * rings, so the camera never goes live on the fleet's word alone.
     */
    public void autoAnswerOnlyWhile(BooleanSupplier allowed) {
        this.autoAnswerAllowed = allowed;
    }

    /** Loudness of the other side's voice for each new call (and the one on now, via {@link #speakerVolume}). */
    public void speakerFrom(IntSupplier percent) {
        this.speakerPercent = percent;
    }

    /** While {@code locked} says so (IT support locked a lost device), rings are declined and no call goes out. */
    public void refuseWhile(BooleanSupplier locked) {
        this.locked = locked;
    }

    // ------------------------------------------------------------------ from the fleet

    /** A payload on the {@code call} channel; call on the agent thread. */
    public void onPayload(byte[] payload) {
        codec.decode(CallSignal.class, payload).fold(s -> {
            onSignal(s);
            return null;
        }, error -> {
            String text = new String(payload, 0, Math.min(payload.length, 300), StandardCharsets.UTF_8);
            log.warn("ignoring invalid call signal: {}: {}", error.message(), text);
            return null;
        });
    }

    void onSignal(CallSignal s) {
        switch (s.type()) {
            case RING -> ring(s);
            case ACCEPTED -> {
                if (phase == Phase.CALLING && s.callId().equals(callId)) {
                    other = s.caller();
                    startMedia(s.iceServers(), s.icePolicyOrDefault());
                }
            }
            case ANSWER -> {
                if (isCurrent(s) && media != null) {
                    media.remoteAnswer(s.sdp());
                }
            }
            case ICE -> {
                if (isCurrent(s) && media != null) {
                    media.remoteCandidate(s.sdpMLineIndex(), s.candidate());
                }
            }
            case HANGUP -> {
                if (isCurrent(s)) {
                    toIdle(Optional.ofNullable(s.reason()).orElse("the call ended"));
                }
            }
            default -> log.debug("ignoring call signal {}", s.type());
        }
    }

    private boolean isCurrent(CallSignal s) {
        return phase != Phase.IDLE && s.callId().equals(callId);
    }

    private void ring(CallSignal s) {
        if (s.callId().equals(callId)) {
            // The fleet sends a ring again until it hears "ringing": say it again, ring once.
            if (phase == Phase.RINGING) {
                signal(DeviceCallSignal.of(callId, DeviceCallSignal.Type.RINGING, clock.instant()));
            }
            return;
        }
        if (phase != Phase.IDLE) {
            signal(DeviceCallSignal.of(s.callId(), DeviceCallSignal.Type.BUSY, clock.instant()));
            return;
        }
        if (locked.getAsBoolean()) {
            // Its own answer, not "declined": the worker must hear that IT support locked the screen.
            signal(DeviceCallSignal.withReason(s.callId(), DeviceCallSignal.Type.LOCKED, clock.instant(),
                    "the device is locked by IT support"));
            return;
        }
        phase = Phase.RINGING;
        callId = s.callId();
        other = s.caller();
        iceServers = s.iceServers() == null ? List.of() : s.iceServers();
        icePolicy = s.icePolicyOrDefault();
        signal(DeviceCallSignal.of(callId, DeviceCallSignal.Type.RINGING, clock.instant()));
        Integer autoAnswerS = s.autoAnswerS();
        if (autoAnswerS != null && !autoAnswerAllowed.getAsBoolean()) {
            log.info("call {}: the fleet asked for auto-answer, but this device's answer policy is to ring", callId);
            autoAnswerS = null;
        }
        display.ringing(other, autoAnswerS);
        Optional<Duration> after = autoAnswerS != null ? Optional.of(Duration.ofSeconds(autoAnswerS)) : simulatedAnswer;
        after.ifPresent(d -> {
            String ringing = callId;
            answerTimer = thread.schedule(() -> {
                if (phase == Phase.RINGING && ringing.equals(callId)) {
                    answer();
                }
            }, d.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    // ------------------------------------------------------------------ from the citizen

    public void answer() {
        if (phase != Phase.RINGING) {
            return;
        }
        cancel(answerTimer);
        signal(DeviceCallSignal.of(callId, DeviceCallSignal.Type.ACCEPT, clock.instant()));
        startMedia(iceServers, icePolicy);
    }

    public void decline() {
        if (phase != Phase.RINGING) {
            return;
        }
        signal(DeviceCallSignal.withReason(callId, DeviceCallSignal.Type.DECLINE, clock.instant(), "declined by the citizen"));
        toIdle("declined");
    }

    public void hangUp() {
        if (phase == Phase.IDLE) {
            return;
        }
        signal(DeviceCallSignal.withReason(callId, DeviceCallSignal.Type.HANGUP, clock.instant(), "the citizen hung up"));
        toIdle("you hung up");
    }

    /** "Ring til min bostøtte": asks the fleet to ring the citizen's worker (or team). */
    public void callSupportWorker() {
        if (phase != Phase.IDLE) {
            return;
        }
        if (locked.getAsBoolean()) {
            log.info("no call out: the device is locked");
            return;
        }
        phase = Phase.CALLING;
        callId = UUID.randomUUID().toString();
        signal(DeviceCallSignal.of(callId, DeviceCallSignal.Type.REQUEST, clock.instant()));
        display.calling();
    }

    /** Microphone off (true) or on; call on the agent thread. Each call starts with it on. */
    public void mute(boolean on) {
        if (phase == Phase.IDLE || media == null) {
            return;
        }
        muted = on;
        media.mute(on);
        display.controls(muted, cameraOff);
    }

    /** Camera off (true) or on; call on the agent thread. Each call starts with it on. */
    public void cameraOff(boolean off) {
        if (phase == Phase.IDLE || media == null) {
            return;
        }
        cameraOff = off;
        media.cameraOff(off);
        display.controls(muted, cameraOff);
    }

    public boolean muted() {
        return muted;
    }

    public boolean cameraIsOff() {
        return cameraOff;
    }

    /** The volume setting changed: the call on now follows at once. */
    public void speakerVolume(int percent) {
        if (media != null) {
            media.speakerVolume(percent);
        }
    }

    // ------------------------------------------------------------------ media

    private void startMedia(List<IceServer> ice, CallSignal.IceTransportPolicy policy) {
        phase = Phase.CONNECTING;
        display.connecting(other);
        String id = callId;
        muted = false;
        cameraOff = false;
        try {
            media = mediaFactory.get();
            media.speakerVolume(speakerPercent.getAsInt());
            media.start(ice == null ? List.of() : ice, policy, new CallMedia.Listener() {
                @Override
                public void offer(String sdp) {
                    onThread(id, () -> signal(DeviceCallSignal.offer(id, clock.instant(), sdp)));
                }

                @Override
                public void candidate(int sdpMLineIndex, String candidate) {
                    onThread(id, () -> signal(DeviceCallSignal.ice(id, clock.instant(), candidate, sdpMLineIndex)));
                }

                @Override
                public void connected() {
                    onThread(id, CallController.this::mediaConnected);
                }

                @Override
                public void failed(String reason) {
                    onThread(id, () -> mediaFailed(reason));
                }
            });
        } catch (RuntimeException | LinkageError e) {
            log.error("call media could not start", e);
            mediaFailed("media could not start: " + e.getMessage());
        }
    }

    private void onThread(String id, Runnable work) {
        try {
            thread.execute(() -> {
                if (id.equals(callId) && phase != Phase.IDLE) {
                    work.run();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("agent stopped; dropping media event");
        }
    }

    private void mediaConnected() {
        if (phase != Phase.CONNECTING) {
            return;
        }
        phase = Phase.IN_CALL;
        signal(DeviceCallSignal.of(callId, DeviceCallSignal.Type.CONNECTED, clock.instant()));
        display.inCall(other);
        adapter = new CallAdapter(media.profile());
        statsTimer = thread.scheduleWithFixedDelay(this::report, STATS_EVERY.toMillis(), STATS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void mediaFailed(String reason) {
        signal(DeviceCallSignal.withReason(callId, DeviceCallSignal.Type.FAILED, clock.instant(), reason));
        toIdle(reason);
    }

    /** Every few seconds: tell the fleet how the call goes, and send what the line carries. */
    private void report() {
        if (phase != Phase.IN_CALL || media == null) {
            return;
        }
        try {
            CallStats stats = media.sample();
            if (stats == null) {
                return;
            }
            signal(DeviceCallSignal.stats(callId, clock.instant(), stats));
            // Every half minute in the log, for support after the fact; every report at debug.
            if (statsReports++ % 15 == 0) {
                log.info("call {} statistics: {}", callId, stats);
            } else {
                log.debug("call {} statistics: {}", callId, stats);
            }
            // A video step that sends only audio is a media fault: said once per stretch, so the log shows
            // it rather than a silent low picture. (What looked like one after audio only was webrtcbin's
            // statistics forgetting the resumed stream; the RTP session's own figures now count it.)
            if (media.profile().hasVideo() && stats.sendKbps() != null && stats.sendKbps() < AUDIO_ONLY_KBPS) {
                if (++videoSilentReports == 3) {
                    log.warn("call {}: sending {} kbit/s at {}: the video is not going out", callId, stats.sendKbps(),
                            media.profile());
                }
            } else {
                videoSilentReports = 0;
            }
            MediaProfile next = adapter.next(stats);
            if (next != media.profile()) {
                media.apply(next);
                display.profileChanged(next);
            }
        } catch (RuntimeException e) {
            log.warn("call statistics failed: {}", e.toString());
        }
    }

    private void toIdle(String reason) {
        cancel(answerTimer);
        cancel(statsTimer);
        if (media != null) {
            CallMedia m = media;
            media = null;
            try {
                m.close();
            } catch (RuntimeException e) {
                log.warn("closing call media: {}", e.toString());
            }
        }
        log.info("call {} over: {}", callId, reason);
        phase = Phase.IDLE;
        callId = null;
        other = null;
        display.ended(reason);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private void signal(DeviceCallSignal s) {
        send.apply(s).whenComplete((ok, e) -> {
            if (e != null) {
                log.warn("call signal {} not delivered: {}", s.type().wire(), e.getMessage());
            }
        });
    }
}
