package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonValue;
import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;
import java.util.Locale;

/** The device's answer to a {@link Command}: received first, then done or failed with a reason. */
public record CommandResult(int v, String id, Outcome outcome, Instant at, String detail) implements ProtocolMessage {

    public enum Outcome {
        RECEIVED, DONE, FAILED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public void check(Checks c) {
        c.required("id", id).text("id", id, 1, 64).required("outcome", outcome).required("at", at)
                .text("detail", detail, 0, 2000);
    }
}
