package dk.bostotte.device.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CallSignal;
import dk.bostotte.protocol.message.CallStats;
import dk.bostotte.protocol.message.DeviceCallSignal;
import dk.bostotte.protocol.message.IceServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The device's call state machine, with the media seam recorded (the real GStreamer media is
 * exercised end to end in CallsIT). Everything runs on one agent thread, as on the device.
 */
class CallControllerTest {

    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService agent = Executors.newSingleThreadScheduledExecutor();
    private final List<DeviceCallSignal> sent = new CopyOnWriteArrayList<>();
    private final List<String> screen = new CopyOnWriteArrayList<>();
    private final List<RecordingMedia> medias = new CopyOnWriteArrayList<>();
    private CallController controller;

    @AfterEach
    void stop() {
        agent.shutdownNow();
    }

    private CallController controller(Optional<Duration> simulatedAnswer) {
        controller = new CallController(codec, Clock.systemUTC(), agent, s -> {
            sent.add(s);
            return CompletableFuture.completedFuture(null);
        }, () -> {
            RecordingMedia m = new RecordingMedia();
            medias.add(m);
            return m;
        }, new CallController.Display() {
            public void ringing(String caller, Integer autoAnswerS) { screen.add("ringing " + caller + " " + autoAnswerS); }
            public void calling() { screen.add("calling"); }
            public void connecting(String other) { screen.add("connecting " + other); }
            public void inCall(String other) { screen.add("in call " + other); }
            public void ended(String reason) { screen.add("idle " + reason); }
            public void profileChanged(MediaProfile p) { screen.add("profile " + p); }
            public void controls(boolean muted, boolean cameraOff) { screen.add("controls " + muted + " " + cameraOff); }
        }, simulatedAnswer);
        return controller;
    }

    private void onAgent(Runnable r) throws Exception {
        agent.submit(r).get(5, TimeUnit.SECONDS);
    }

    private void receive(CallSignal s) throws Exception {
        onAgent(() -> controller.onPayload(codec.encode(s)));
    }

    private List<DeviceCallSignal.Type> sentTypes() {
        return sent.stream().map(DeviceCallSignal::type).toList();
    }

    private static final List<IceServer> ICE = List.of(new IceServer(List.of("stun:s.example:3478"), null, null));

    @Test
    void aScreenThatJoinsAfterConstructionHearsTheCallsToo() throws Exception {
        List<String> later = new CopyOnWriteArrayList<>();
        controller(Optional.empty()).alsoShowOn(new CallController.Display() {
            public void ringing(String caller, Integer autoAnswerS) { later.add("ringing " + caller); }
            public void calling() { later.add("calling"); }
            public void connecting(String other) { later.add("connecting " + other); }
            public void inCall(String other) { later.add("in call " + other); }
            public void ended(String reason) { later.add("idle " + reason); }
            public void profileChanged(MediaProfile p) { later.add("profile " + p); }
        });
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        onAgent(controller::hangUp);
        assertEquals(List.of("ringing Mette null", "idle you hung up"), screen);
        assertEquals(List.of("ringing Mette", "idle you hung up"), later);
    }

    @Test
    void ringAnswerOfferConnectAndHangUpByTheCitizen() throws Exception {
        controller(Optional.empty());
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        assertEquals(CallController.Phase.RINGING, controller.phase());
        assertEquals(List.of("ringing Mette null"), screen);
        onAgent(controller::answer);
        RecordingMedia media = medias.get(0);
        assertEquals(ICE, media.ice, "the fleet's ICE servers reach the media");
        assertEquals(CallSignal.IceTransportPolicy.ALL, media.policy, "no policy in the ring means all candidates");
        media.listener.offer("v=0 offer");
        media.listener.candidate(0, "candidate:1");
        media.listener.connected();
        onAgent(() -> { });
        assertEquals(List.of(DeviceCallSignal.Type.RINGING, DeviceCallSignal.Type.ACCEPT, DeviceCallSignal.Type.OFFER,
                DeviceCallSignal.Type.ICE, DeviceCallSignal.Type.CONNECTED), sentTypes());
        assertEquals("v=0 offer", sent.get(2).sdp());
        assertEquals(CallController.Phase.IN_CALL, controller.phase());

        receive(CallSignal.answer("c1", Instant.now(), "v=0 answer"));
        receive(CallSignal.ice("c1", Instant.now(), "candidate:2", 1));
        receive(CallSignal.ice("other-call", Instant.now(), "candidate:3", 1));
        assertEquals(List.of("answer v=0 answer", "ice 1 candidate:2"), media.calls);

        onAgent(controller::hangUp);
        assertEquals(DeviceCallSignal.Type.HANGUP, sent.get(sent.size() - 1).type());
        assertTrue(media.closed);
        assertEquals(CallController.Phase.IDLE, controller.phase());
    }

    @Test
    void aLockedDeviceRefusesRingsAsLockedNotDeclinedAndPlacesNoCalls() throws Exception {
        controller(Optional.of(Duration.ofMillis(1)));
        AtomicBoolean locked = new AtomicBoolean(true);
        controller.refuseWhile(locked::get);
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        // Its own answer, so the worker hears the screen is locked, not that the citizen said no.
        assertEquals(List.of(DeviceCallSignal.Type.LOCKED), sentTypes());
        assertTrue(sent.get(0).reason().contains("locked"), sent.get(0).reason());
        onAgent(controller::callSupportWorker);
        assertEquals(1, sent.size(), "no call request from a locked device");
        assertEquals(CallController.Phase.IDLE, controller.phase());
        locked.set(false);
        receive(CallSignal.ring("c2", Instant.now(), "Mette", null, ICE));
        assertEquals(DeviceCallSignal.Type.RINGING, sent.get(1).type(), "unlocked, it rings again");
    }

    @Test
    void muteAndCameraOffReachTheMediaAndTheScreenAndResetForTheNextCall() throws Exception {
        controller(Optional.empty());
        controller.speakerFrom(() -> 35);
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        onAgent(() -> controller.mute(true));
        assertTrue(medias.isEmpty(), "nothing to mute before the call has media");
        onAgent(controller::answer);
        RecordingMedia media = medias.get(0);
        assertEquals(35, media.speaker, "the call starts at the configured loudness");
        onAgent(() -> controller.mute(true));
        onAgent(() -> controller.cameraOff(true));
        assertEquals(List.of("mute true", "camera off true"), media.calls);
        assertTrue(screen.contains("controls true true"), screen.toString());
        onAgent(() -> controller.speakerVolume(80));
        assertEquals(80, media.speaker);
        onAgent(controller::hangUp);

        receive(CallSignal.ring("c2", Instant.now(), "Mette", null, ICE));
        onAgent(controller::answer);
        assertTrue(!controller.muted() && !controller.cameraIsOff(), "a new call starts with microphone and camera on");
    }

    @Test
    void theDevicesOwnRingPolicyOverridesAnAutoAnswerRing() throws Exception {
        controller(Optional.empty());
        AtomicBoolean allowed = new AtomicBoolean(false);
        controller.autoAnswerOnlyWhile(allowed::get);
        receive(CallSignal.ring("c1", Instant.now(), "Mette", 0, ICE));
        Thread.sleep(200);
        onAgent(() -> { });
        assertEquals(CallController.Phase.RINGING, controller.phase(), "rings and waits for the citizen");
        assertEquals("ringing Mette null", screen.get(0), "no countdown is shown");
        onAgent(controller::decline);

        allowed.set(true);
        receive(CallSignal.ring("c2", Instant.now(), "Mette", 0, ICE));
        Thread.sleep(200);
        onAgent(() -> { });
        assertEquals(CallController.Phase.CONNECTING, controller.phase(), "auto-answered when the policy allows it");
    }

    @Test
    void aSecondRingWhileBusyIsAnsweredBusyAndTheFirstCallGoesOn() throws Exception {
        controller(Optional.empty());
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        receive(CallSignal.ring("c2", Instant.now(), "Jonas", null, ICE));
        DeviceCallSignal last = sent.get(sent.size() - 1);
        assertEquals(DeviceCallSignal.Type.BUSY, last.type());
        assertEquals("c2", last.callId());
        assertEquals(CallController.Phase.RINGING, controller.phase());
    }

    @Test
    void aRepeatedRingIsAnsweredAgainButRingsOnce() throws Exception {
        controller(Optional.empty());
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        assertEquals(List.of(DeviceCallSignal.Type.RINGING, DeviceCallSignal.Type.RINGING), sentTypes());
        assertEquals(1, screen.size(), "one ring on the screen");
        assertEquals(CallController.Phase.RINGING, controller.phase());
    }

    @Test
    void declineAndHangupFromTheFleetReturnToIdle() throws Exception {
        controller(Optional.empty());
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        onAgent(controller::decline);
        assertEquals(DeviceCallSignal.Type.DECLINE, sent.get(sent.size() - 1).type());
        assertEquals(CallController.Phase.IDLE, controller.phase());

        receive(CallSignal.ring("c2", Instant.now(), "Mette", null, ICE));
        receive(CallSignal.hangup("c2", Instant.now(), "cancelled by the worker"));
        assertEquals(CallController.Phase.IDLE, controller.phase());
        assertEquals("idle cancelled by the worker", screen.get(screen.size() - 1));
        assertTrue(medias.isEmpty(), "no camera went live");
    }

    @Test
    void autoAnswerAfterThePolicysSecondsOrTheSimulatorsDelay() throws Exception {
        controller(Optional.of(Duration.ofMillis(100)));
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        Thread.sleep(400);
        onAgent(() -> { });
        assertEquals(CallController.Phase.CONNECTING, controller.phase(), "the simulated citizen answered");
        assertTrue(sentTypes().contains(DeviceCallSignal.Type.ACCEPT));

        controller(Optional.empty());
        receive(CallSignal.ring("c2", Instant.now(), "Mette", 1, ICE));
        assertEquals("ringing Mette 1", screen.get(screen.size() - 1), "the screen warns before the camera goes live");
        Thread.sleep(1400);
        onAgent(() -> { });
        assertEquals(CallController.Phase.CONNECTING, controller.phase());
    }

    @Test
    void theCitizenCallsTheirWorkerAndTheDeviceOffersOnceAccepted() throws Exception {
        controller(Optional.empty());
        onAgent(controller::callSupportWorker);
        DeviceCallSignal request = sent.get(0);
        assertEquals(DeviceCallSignal.Type.REQUEST, request.type());
        assertEquals(CallController.Phase.CALLING, controller.phase());
        receive(CallSignal.accepted("someone-else", Instant.now(), "Jonas", ICE));
        assertTrue(medias.isEmpty(), "an accept for another call is ignored");
        receive(CallSignal.accepted(request.callId(), Instant.now(), "Mette", ICE));
        assertEquals(CallController.Phase.CONNECTING, controller.phase());
        assertEquals("connecting Mette", screen.get(screen.size() - 1));
    }

    @Test
    void theFleetsRelayOnlyPolicyReachesTheMediaOnRingAndOnAcceptance() throws Exception {
        controller(Optional.empty());
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE)
                .withIceTransportPolicy(CallSignal.IceTransportPolicy.RELAY));
        onAgent(controller::answer);
        assertEquals(CallSignal.IceTransportPolicy.RELAY, medias.get(0).policy);
        onAgent(controller::hangUp);

        onAgent(controller::callSupportWorker);
        String callId = sent.get(sent.size() - 1).callId();
        receive(CallSignal.accepted(callId, Instant.now(), "Mette", ICE)
                .withIceTransportPolicy(CallSignal.IceTransportPolicy.RELAY));
        assertEquals(CallSignal.IceTransportPolicy.RELAY, medias.get(1).policy);
    }

    @Test
    void aMediaFailureIsReportedWithItsReasonAndEndsTheCall() throws Exception {
        controller(Optional.empty());
        receive(CallSignal.ring("c1", Instant.now(), "Mette", null, ICE));
        onAgent(controller::answer);
        medias.get(0).listener.failed("ICE failed: no network path to the other side");
        onAgent(() -> { });
        DeviceCallSignal last = sent.get(sent.size() - 1);
        assertEquals(DeviceCallSignal.Type.FAILED, last.type());
        assertEquals("ICE failed: no network path to the other side", last.reason());
        assertTrue(medias.get(0).closed);
        assertEquals(CallController.Phase.IDLE, controller.phase());
    }

    @Test
    void anInvalidSignalIsIgnored() throws Exception {
        controller(Optional.empty());
        onAgent(() -> controller.onPayload("{\"v\":1,\"type\":\"ring\"}".getBytes()));
        assertEquals(CallController.Phase.IDLE, controller.phase());
        assertTrue(sent.isEmpty());
    }

    /** The media seam, recorded. */
    static final class RecordingMedia implements CallMedia {
        List<IceServer> ice;
        CallSignal.IceTransportPolicy policy;
        Listener listener;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        MediaProfile profile = MediaProfile.SD;

        public void start(List<IceServer> iceServers, CallSignal.IceTransportPolicy p, Listener l) {
            ice = iceServers;
            policy = p;
            listener = l;
        }
        public void remoteAnswer(String sdp) { calls.add("answer " + sdp); }
        public void remoteCandidate(int m, String c) { calls.add("ice " + m + " " + c); }
        public CallStats sample() { return null; }
        public void apply(MediaProfile p) { profile = p; }
        public MediaProfile profile() { return profile; }
        public void close() { closed = true; }
        public void mute(boolean m) { calls.add("mute " + m); }
        public void cameraOff(boolean off) { calls.add("camera off " + off); }
        public void speakerVolume(int pct) { speaker = pct; }
        int speaker = -1;
    }
}
