package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a kiosk meets an incoming call: it rings and waits for the citizen, or answers by itself for chosen callers. */
public enum AnswerPolicy {
    RING, AUTO_ANSWER;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The known spellings, for error messages: {@code 'ring' or 'auto-answer'}. */
    public static String spellings() {
        return Arrays.stream(values()).map(p -> "'" + p.wire() + "'").collect(Collectors.joining(" or "));
    }

    /** The policy spelled {@code wire}, or empty for null or an unknown spelling. */
    public static Optional<AnswerPolicy> parse(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(wire)).findFirst();
    }

    /** The policy spelled {@code wire}; an unknown spelling says which are known. */
    @JsonCreator
    public static AnswerPolicy fromWire(String wire) {
        try {
            return WireNames.parse(values(), wire, "answer policy");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("answerPolicy must be " + spellings() + ", not '" + wire + "'", e);
        }
    }
}
