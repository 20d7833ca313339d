package dk.bostotte.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dk.bostotte.device.platform.FakeRoot;
import dk.bostotte.device.MovableClock;
import dk.bostotte.device.call.CallController;
import dk.bostotte.device.call.CallController.Phase;
import dk.bostotte.device.call.CallMedia;
import dk.bostotte.device.call.LoggingCallDisplay;
import dk.bostotte.device.call.MediaProfile;
import dk.bostotte.device.ui.KioskActions;
import dk.bostotte.device.ui.KioskDisplay;
import dk.bostotte.device.ui.KioskModel;
import dk.bostotte.device.ui.KioskTheme;
import dk.bostotte.device.ui.KioskUi;
import dk.bostotte.device.ui.RingTone;
import dk.bostotte.device.ui.ScreenLight;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CallSignal;
import dk.bostotte.protocol.message.DeviceCallSignal;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.IceServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The button and the light as components over Pi4J's mock platform, the same code as on the Pi. */
class KioskHardwareTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final Context pi4j = KioskHardware.mockContext();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<DeviceCallSignal> sent = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        timer.shutdownNow();
        pi4j.shutdown();
    }

    @Test
    void aPressIsOneFallingEdgeAndContactBounceIsIgnored() {
        AtomicInteger presses = new AtomicInteger();
        AtomicLong now = new AtomicLong(10_000);
        AnswerButton button = new AnswerButton(pi4j, 17, presses::incrementAndGet, now::get);
        MockDigitalInput pin = (MockDigitalInput) button.input();
        pin.mockState(DigitalState.HIGH); // released: the pull-up holds the input high
        // A press that bounces: LOW, HIGH, LOW within a few milliseconds, then released.
        pin.mockState(DigitalState.LOW);
        now.addAndGet(3);
        pin.mockState(DigitalState.HIGH);
        now.addAndGet(3);
        pin.mockState(DigitalState.LOW);
        now.addAndGet(120);
        pin.mockState(DigitalState.HIGH);
        assertEquals(1, presses.get(), "one press, whatever the contacts did");
        now.addAndGet(AnswerButton.REFRACTORY_MS);
        pin.mockState(DigitalState.LOW);
        assertEquals(2, presses.get(), "a second, deliberate press counts");
    }

    @Test
    void theLightIsSteadyInACallBlinksWhileRingingAndFlashesWithoutConnection() throws Exception {
        StatusLed led = new StatusLed(pi4j, 27, timer);
        led.show(StatusLed.Mode.IN_CALL);
        assertEquals(DigitalState.HIGH, led.output().state());
        led.show(StatusLed.Mode.OFF);
        assertEquals(DigitalState.LOW, led.output().state());

        led.show(StatusLed.Mode.RINGING);
        List<DigitalState> seen = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            seen.add(led.output().state());
            Thread.sleep(50);
        }
        assertTrue(seen.contains(DigitalState.HIGH) && seen.contains(DigitalState.LOW), "ringing blinks: " + seen);

        led.show(StatusLed.Mode.NO_CONNECTION);
        Thread.sleep(300);
        assertEquals(DigitalState.LOW, led.output().state(), "mostly dark: 100 ms of light every 2 s");
        led.show(StatusLed.Mode.IN_CALL);
        Thread.sleep(700);
        assertEquals(DigitalState.HIGH, led.output().state(), "an old blink does not switch a steady light off");
        led.close();
        assertEquals(DigitalState.LOW, led.output().state(), "off when the app stops");
    }

    @Test
    void theButtonCallsTheWorkerWhenIdleAndCancelsWhileCalling() throws Exception {
        List<dk.bostotte.protocol.message.DeviceCallSignal> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        var calls = new dk.bostotte.device.call.CallController(new dk.bostotte.protocol.codec.MessageCodec(),
                java.time.Clock.systemUTC(), timer, s -> {
                    sent.add(s);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }, () -> {
                    throw new IllegalStateException("no media in this test");
                }, new dk.bostotte.device.call.LoggingCallDisplay(new dk.bostotte.protocol.DeviceId("K7M3-Q9PH")),
                java.util.Optional.empty());
        AtomicLong now = new AtomicLong(0);
        AnswerButton button = new AnswerButton(pi4j, 17, () -> KioskHardware.press(calls), now::get);
        MockDigitalInput pin = (MockDigitalInput) button.input();
        pin.mockState(DigitalState.HIGH);
        pin.mockState(DigitalState.LOW);
        assertEquals(Phase.CALLING, calls.phase(), "idle: the button rings the support worker");
        assertEquals(dk.bostotte.protocol.message.DeviceCallSignal.Type.REQUEST, sent.get(0).type());
        pin.mockState(DigitalState.HIGH);
        now.addAndGet(1000);
        pin.mockState(DigitalState.LOW);
        assertEquals(Phase.IDLE, calls.phase(), "calling: the button cancels");
    }

    @Test
    void theButtonAnswersARingingCallAndTheLightFollows() throws Exception {
        CallController calls = controller(new LoggingCallDisplay(new DeviceId("K7M3-Q9PH")));
        KioskHardware hardware = KioskHardware.start(pi4j, 17, 27, calls, () -> true, timer, timer, () -> { });
        onAgent(() -> calls.onPayload(new MessageCodec().encode(CallSignal.ring("c1", Instant.now(), "Mette", null, List.of()))));
        assertEquals(Phase.RINGING, calls.phase());
        assertTrue(lightSeen(hardware, DigitalState.HIGH) && lightSeen(hardware, DigitalState.LOW), "ringing: the light blinks");

        MockDigitalInput pin = (MockDigitalInput) hardware.button().input();
        pin.mockState(DigitalState.HIGH);
        pin.mockState(DigitalState.LOW);
        onAgent(() -> { });
        assertEquals(Phase.CONNECTING, calls.phase(), "ringing: the button answers");
        assertEquals(List.of(DeviceCallSignal.Type.RINGING, DeviceCallSignal.Type.ACCEPT), sent.stream().map(DeviceCallSignal::type).toList());
        Thread.sleep(600);
        assertFalse(lightSeen(hardware, DigitalState.LOW), "answered: the light is steady");
    }

    @Test
    void theButtonWakesADimmedScreen() throws Exception {
        MovableClock clock = new MovableClock("2026-11-23T23:00:00Z");
        KioskModel model = new KioskModel(clock, "K7M3-Q9PH", List::of);
        model.linkUp();
        CallController calls = controller(model);
        List<Integer> brightness = new CopyOnWriteArrayList<>();
        ScreenLight light = new ScreenLight(new FakeRoot(dir).root, clock, brightness::add);
        KioskUi ui = new KioskUi(model, calls, timer);
        ui.start(KioskDisplay.offscreen(KioskTheme.PI_DISPLAY, KioskActions.NONE, Optional.empty()), light, new RingTone(false), timer);
        DeviceSettings night = new DeviceSettings(null, null, null, null, 90, "22:00", "07:00", 10, null, null, null);
        model.settings(night);
        assertTrue(light.dimmed(night), "night: dimmed");

        // As DeviceMain wires it: the kiosk's screen hears the button.
        KioskHardware hardware = KioskHardware.start(pi4j, 17, 27, calls, () -> true, timer, timer, ui::woken);
        MockDigitalInput pin = (MockDigitalInput) hardware.button().input();
        pin.mockState(DigitalState.HIGH);
        pin.mockState(DigitalState.LOW);
        assertFalse(light.dimmed(night), "the button woke the screen");
        assertEquals(90, brightness.get(brightness.size() - 1));
    }

    /** A call controller on the test's agent thread, its signals recorded, with media that never connects. */
    private CallController controller(CallController.Display display) {
        return new CallController(new MessageCodec(), Clock.systemUTC(), timer, s -> {
            sent.add(s);
            return CompletableFuture.completedFuture(null);
        }, SilentMedia::new, display, Optional.empty());
    }

    private void onAgent(Runnable r) throws Exception {
        timer.submit(r).get(5, TimeUnit.SECONDS);
    }

    /** Whether the light shows {@code state} at some moment in the next 1.2 s. */
    private static boolean lightSeen(KioskHardware hardware, DigitalState state) throws InterruptedException {
        for (int i = 0; i < 24; i++) {
            if (hardware.led().output().state() == state) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static final class SilentMedia implements CallMedia {
        public void start(List<IceServer> iceServers, dk.bostotte.protocol.message.CallSignal.IceTransportPolicy p,
                          Listener listener) { }
        public void remoteAnswer(String sdp) { }
        public void remoteCandidate(int sdpMLineIndex, String candidate) { }
        public dk.bostotte.protocol.message.CallStats sample() { return null; }
        public void apply(MediaProfile profile) { }
        public MediaProfile profile() { return null; }
        public void mute(boolean muted) { }
        public void cameraOff(boolean off) { }
        public void speakerVolume(int percent) { }
        public void close() { }
    }

    @Test
    void theLightFollowsTheCallAndTheConnection() {
        assertEquals(StatusLed.Mode.OFF, KioskHardware.modeFor(Phase.IDLE, true));
        assertEquals(StatusLed.Mode.NO_CONNECTION, KioskHardware.modeFor(Phase.IDLE, false));
        assertEquals(StatusLed.Mode.RINGING, KioskHardware.modeFor(Phase.RINGING, true));
        assertEquals(StatusLed.Mode.IN_CALL, KioskHardware.modeFor(Phase.IN_CALL, true));
        assertEquals(StatusLed.Mode.IN_CALL, KioskHardware.modeFor(Phase.CALLING, true));
    }
}
