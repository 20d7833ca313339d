package dk.bostotte.device.call;

import java.time.Duration;
import java.util.Optional;

/**
 * Calls' start-up options: a simulated kiosk answers by itself after {@code --answer-after-s}, and
 * {@code --ice-local-address} adds a local address WebRTC would leave out (e.g. 127.0.0.1).
 */
public record CallOptions(Optional<Duration> simulatedAnswer, Optional<String> iceLocalAddress) {

    public static final int ANSWER_AFTER_S = 3;

    /** {@code answerAfterS} counts only when simulated; 0 or less: never answer by itself. */
    public static CallOptions of(boolean simulate, double answerAfterS, String iceLocalAddress) {
        return new CallOptions(simulate && answerAfterS > 0 ? Optional.of(Duration.ofMillis(Math.round(answerAfterS * 1000)))
                : Optional.empty(), Optional.ofNullable(iceLocalAddress).filter(a -> !a.isBlank()));
    }

    public static CallOptions defaults(boolean simulate) {
        return of(simulate, ANSWER_AFTER_S, null);
    }
}
