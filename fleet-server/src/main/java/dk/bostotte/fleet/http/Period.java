package dk.bostotte.fleet.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A {@code from}–{@code to} period from the query string (ISO-8601 instants), with defaults. */
public record Period(Instant from, Instant to) {

    /** The period asked for, or empty after answering 400 naming what was wrong. */
    public static Optional<Period> of(RoutingContext ctx, Responses responses, Duration defaultLength) {
        Instant to;
        Instant from;
        try {
            to = param(ctx, "to").map(Instant::parse).orElse(Instant.now());
            from = param(ctx, "from").map(Instant::parse).orElse(to.minus(defaultLength));
        } catch (DateTimeParseException e) {
            responses.error(ctx, 400, "from/to must be ISO-8601 instants such as 2026-11-22T10:00:00Z");
            return Optional.empty();
        }
        if (!from.isBefore(to)) {
            responses.error(ctx, 400, "from must be before to");
            return Optional.empty();
        }
        return Optional.of(new Period(from, to));
    }

    private static Optional<String> param(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.queryParams().get(name)).filter(s -> !s.isBlank());
    }
}
