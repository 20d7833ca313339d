package dk.bostotte.fleet.alerts;

import java.time.Instant;

/**
 * One alert as the API shows it. {@code since} is when the condition began, {@code raisedAt} when
 * it had lasted long enough to alert, {@code clearedAt} when it went away.
 */
public record Alert(long id, String deviceId, String kind, String state, Instant since, Instant raisedAt,
                    Instant clearedAt, String detail, String acknowledgedBy, Instant acknowledgedAt) {

    public static final String PENDING = "pending";
    public static final String OPEN = "open";
    public static final String CLEARED = "cleared";
}
