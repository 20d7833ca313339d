package dk.bostotte.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dk.bostotte.device.call.CallController.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The button and the light as components over Pi4J's mock platform, the same code as on the Pi. */
class KioskHardwareTest {

    private final Context pi4j = KioskHardware.mockContext();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

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
    void theLightFollowsTheCallAndTheConnection() {
        assertEquals(StatusLed.Mode.OFF, KioskHardware.modeFor(Phase.IDLE, true));
        assertEquals(StatusLed.Mode.NO_CONNECTION, KioskHardware.modeFor(Phase.IDLE, false));
        assertEquals(StatusLed.Mode.RINGING, KioskHardware.modeFor(Phase.RINGING, true));
        assertEquals(StatusLed.Mode.IN_CALL, KioskHardware.modeFor(Phase.IN_CALL, true));
        assertEquals(StatusLed.Mode.IN_CALL, KioskHardware.modeFor(Phase.CALLING, true));
    }
}
