package dk.bostotte.device.kiosk;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The status light on a GPIO output: off when all is quiet, blinking while a call rings, steady
 * during a call, a short flash every two seconds when there is no connection to the fleet. The
 * blinking runs on the given timer; the light is off when the app stops.
 */
public final class StatusLed implements AutoCloseable {

    public enum Mode {
        OFF(0, 0), RINGING(500, 500), IN_CALL(0, 0), NO_CONNECTION(100, 1900);

        final long onMs;
        final long offMs;

        Mode(long onMs, long offMs) {
            this.onMs = onMs;
            this.offMs = offMs;
        }

        boolean blinks() {
            return onMs > 0;
        }
    }

    private final Context pi4j;
    private final DigitalOutput out;
    private final ScheduledExecutorService timer;
    private Mode mode;
    private ScheduledFuture<?> next;
    private long generation;

    public StatusLed(Context pi4j, int bcmPin, ScheduledExecutorService timer) {
        this.pi4j = pi4j;
        this.timer = timer;
        this.out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("status-led").name("Status light").address(bcmPin)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());
    }

    public synchronized Mode mode() {
        return mode;
    }

    /** Shows {@code m}; showing the mode already shown changes nothing (its blink keeps its rhythm). */
    public synchronized void show(Mode m) {
        if (m == mode) {
            return;
        }
        mode = m;
        generation++;
        if (next != null) {
            next.cancel(false);
        }
        if (m.blinks()) {
            phase(true, generation);
        } else {
            out.state(m == Mode.IN_CALL ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    private synchronized void phase(boolean on, long gen) {
        if (gen != generation) {
            return; // a newer mode took over
        }
        out.state(on ? DigitalState.HIGH : DigitalState.LOW);
        next = timer.schedule(() -> phase(!on, gen), on ? mode.onMs : mode.offMs, TimeUnit.MILLISECONDS);
    }

    public DigitalOutput output() {
        return out;
    }

    @Override
    public synchronized void close() {
        generation++;
        if (next != null) {
            next.cancel(false);
        }
        out.state(DigitalState.LOW);
        out.shutdown(pi4j);
    }
}
