package dk.bostotte.fleet.broker;

import dk.bostotte.protocol.message.ProtocolMessage;
import java.util.Optional;

/**
 * Accepted (journaled, to be stored), refused as invalid, or not taken now (the device sends it
 * again later). An accepted message that was stored carries what it decoded to, so whoever acts on
 * it next does not decode it again.
 */
public record IngestOutcome(Kind kind, String reason, Optional<ProtocolMessage> decoded) {

    public enum Kind { ACCEPTED, INVALID, BUSY }

    /** Accepted, with nothing decoded to hand on (e.g. a call signal, relayed rather than stored). */
    public static final IngestOutcome ACCEPTED = new IngestOutcome(Kind.ACCEPTED, null, Optional.empty());

    public static IngestOutcome accepted(ProtocolMessage decoded) {
        return new IngestOutcome(Kind.ACCEPTED, null, Optional.of(decoded));
    }

    public static IngestOutcome invalid(String reason) {
        return new IngestOutcome(Kind.INVALID, reason, Optional.empty());
    }

    public static IngestOutcome busy(String reason) {
        return new IngestOutcome(Kind.BUSY, reason, Optional.empty());
    }
}
