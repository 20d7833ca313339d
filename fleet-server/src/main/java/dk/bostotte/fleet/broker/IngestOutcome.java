package dk.bostotte.fleet.broker;

/** Stored, or refused as invalid (with the reason the device is told). */
public record IngestOutcome(boolean accepted, String reason) {

    public static final IngestOutcome STORED = new IngestOutcome(true, null);

    public static IngestOutcome rejected(String reason) {
        return new IngestOutcome(false, reason);
    }
}
