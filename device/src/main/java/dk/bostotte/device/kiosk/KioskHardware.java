package dk.bostotte.device.kiosk;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import dk.bostotte.device.call.CallController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's button and light over Pi4J: the real GPIO (gpiod) on a Pi, Pi4J's mock platform on a
 * simulated kiosk, nothing on a machine without GPIO. The button does what the screen's main
 * button does at that moment; the light follows the call and the connection.
 */
public final class KioskHardware implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KioskHardware.class);

    /** Where the GPIO comes from: {@code auto} (real if there is a GPIO chip, else none), {@code mock}, {@code off}. */
    public enum Gpio { AUTO, MOCK, OFF }

    private final Context pi4j;
    private final AnswerButton button;
    private final StatusLed led;

    private KioskHardware(Context pi4j, AnswerButton button, StatusLed led) {
        this.pi4j = pi4j;
        this.button = button;
        this.led = led;
    }

    /**
     * A Pi4J context as {@code gpio} asks, or empty when there is no GPIO to use. A simulated kiosk
     * uses none unless asked for the mock ({@code --gpio mock}): it has no button to press. (A first
     * call that failed with Pi4J in the process was the offer's promise being garbage-collected, not
     * Pi4J; see GstCallMedia.createOffer and hardware-notes/tested.md.)
     */
    public static Optional<Context> context(Gpio gpio, boolean simulated) {
        Gpio g = gpio == Gpio.AUTO && simulated ? Gpio.OFF : gpio;
        return switch (g) {
            case OFF -> Optional.empty();
            case MOCK -> Optional.of(mockContext());
            case AUTO -> Files.exists(Path.of("/dev/gpiochip0")) ? Optional.of(Pi4J.newAutoContext()) : Optional.empty();
        };
    }

    public static Context mockContext() {
        return Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
    }

    /**
     * Wires the button to the call controller (run on {@code agent}) and keeps the light in step
     * with the calls and the link, looked at four times a second on {@code timer}. {@code woken}
     * hears every press too (it wakes a dimmed screen).
     */
    public static KioskHardware start(Context pi4j, int buttonPin, int ledPin, CallController calls,
                                      BooleanSupplier connected, Executor agent, ScheduledExecutorService timer,
                                      Runnable woken) {
        AnswerButton button = new AnswerButton(pi4j, buttonPin, () -> {
            woken.run();
            agent.execute(() -> press(calls));
        }, System::currentTimeMillis);
        StatusLed led = new StatusLed(pi4j, ledPin, timer);
        timer.scheduleAtFixedRate(() -> led.show(modeFor(calls.phase(), connected.getAsBoolean())), 0, 250,
                TimeUnit.MILLISECONDS);
        log.info("answer button on GPIO {} and status light on GPIO {} ({})", buttonPin, ledPin, pi4j.platform() == null
                ? "no platform" : pi4j.platform().id());
        return new KioskHardware(pi4j, button, led);
    }

    /** Idle: call the worker; ringing: answer; calling or in a call: hang up. */
    static void press(CallController calls) {
        // One line per press: the bring-up counts them (hardware-notes/tested.md, 50 presses).
        log.info("answer button pressed ({})", calls.phase().name().toLowerCase(Locale.ROOT));
        switch (calls.phase()) {
            case IDLE -> calls.callSupportWorker();
            case RINGING -> calls.answer();
            default -> calls.hangUp();
        }
    }

    static StatusLed.Mode modeFor(CallController.Phase phase, boolean connected) {
        return switch (phase) {
            case RINGING -> StatusLed.Mode.RINGING;
            case IDLE -> connected ? StatusLed.Mode.OFF : StatusLed.Mode.NO_CONNECTION;
            default -> StatusLed.Mode.IN_CALL;
        };
    }

    public AnswerButton button() {
        return button;
    }

    public StatusLed led() {
        return led;
    }

    @Override
    public void close() {
        led.close();
        button.close();
        pi4j.shutdown();
    }
}
