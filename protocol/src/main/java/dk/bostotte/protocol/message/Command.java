package dk.bostotte.protocol.message;

import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;
import java.util.Map;

/** Sent on {@code cmd}. The device answers on {@code cmd/result} with the same id. */
public record Command(int v, String id, CommandType type, Instant issuedAt, Instant expiresAt,
                      Map<String, String> params) implements ProtocolMessage {

    /** Param of a {@link CommandType#LOCK}: the words the locked kiosk shows the citizen (optional). */
    public static final String LOCK_MESSAGE = "message";

    @Override
    public void check(Checks c) {
        c.required("id", id).text("id", id, 1, 64).required("type", type).required("issuedAt", issuedAt)
                .required("expiresAt", expiresAt).size("params", params == null ? null : params.keySet(), 0, 32);
    }
}
