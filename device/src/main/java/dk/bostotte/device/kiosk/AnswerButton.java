package dk.bostotte.device.kiosk;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.function.LongSupplier;

/**
 * The physical answer/call button: a momentary switch from a GPIO input to ground, the input
 * pulled up, so a press reads LOW. A press is the falling edge; edges within {@link #REFRACTORY_MS}
 * of the last press are contact bounce (or a nervous double press) and do nothing.
 */
public final class AnswerButton implements AutoCloseable {

    static final long REFRACTORY_MS = 300;

    private final Context pi4j;
    private final DigitalInput input;
    private final Runnable onPress;
    private final LongSupplier clockMs;
    private long lastPressMs = Long.MIN_VALUE / 2;

    public AnswerButton(Context pi4j, int bcmPin, Runnable onPress, LongSupplier clockMs) {
        this.pi4j = pi4j;
        this.onPress = onPress;
        this.clockMs = clockMs;
        this.input = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("answer-button").name("Answer button")
                .address(bcmPin).pull(PullResistance.PULL_UP).debounce(3_000L).build());
        input.addListener(e -> changed(e.state()));
    }

    synchronized void changed(DigitalState state) {
        if (state != DigitalState.LOW) {
            return;
        }
        long now = clockMs.getAsLong();
        if (now - lastPressMs < REFRACTORY_MS) {
            return;
        }
        lastPressMs = now;
        onPress.run();
    }

    public DigitalInput input() {
        return input;
    }

    @Override
    public void close() {
        input.shutdown(pi4j);
    }
}
