package dk.bostotte.fleet.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a person expects of a time they enter: a visit or a planned outage is not in the past, a
 * contact that happened is not in the future. A few minutes' slack, because the console sends
 * whole minutes and a browser's clock may be a little off the server's.
 */
public final class TimeChecks {

    /** The code of a time that lies in the past where a future one is needed. */
    public static final String IN_PAST = "in-past";
    /** The code of a time that lies in the future where a past one is needed. */
    public static final String IN_FUTURE = "in-future";
    static final Duration SLACK = Duration.ofMinutes(5);

    private TimeChecks() {
    }

    /** A refusal when {@code value} (of the request's {@code field}) is before {@code now}. */
    public static Optional<Problem> notInPast(String field, Instant value, Instant now) {
        return value.isBefore(now.minus(SLACK))
                ? Optional.of(new Problem(400, IN_PAST, field, field + " " + value + " is in the past (now: " + now + ")"))
                : Optional.empty();
    }

    /** A refusal when {@code value} (of the request's {@code field}) is after {@code now}. */
    public static Optional<Problem> notInFuture(String field, Instant value, Instant now) {
        return value.isAfter(now.plus(SLACK))
                ? Optional.of(new Problem(400, IN_FUTURE, field, field + " " + value + " is in the future (now: " + now + ")"))
                : Optional.empty();
    }
}
