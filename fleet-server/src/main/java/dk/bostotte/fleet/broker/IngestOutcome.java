package dk.bostotte.fleet.broker;

/** Accepted (journaled, to be stored), refused as invalid, or not taken now (the device sends it again later). */
public record IngestOutcome(Kind kind, String reason) {

    public enum Kind { ACCEPTED, INVALID, BUSY }

    public static final IngestOutcome ACCEPTED = new IngestOutcome(Kind.ACCEPTED, null);

    public static IngestOutcome invalid(String reason) {
        return new IngestOutcome(Kind.INVALID, reason);
    }

    public static IngestOutcome busy(String reason) {
        return new IngestOutcome(Kind.BUSY, reason);
    }
}
