package dk.bostotte.fleet.http;

import dk.bostotte.protocol.DeviceId;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The {@code :id} of a route as a device id or a UUID; when it is not one, answers 404 naming it and gives empty. */
public final class PathIds {

    private PathIds() {
    }

    public static Optional<DeviceId> device(RoutingContext ctx, Responses responses) {
        Optional<DeviceId> id = DeviceId.parse(ctx.pathParam("id"));
        if (id.isEmpty()) {
            responses.error(ctx, 404, "'" + ctx.pathParam("id") + "' is not a device id");
        }
        return id;
    }

    /** A numeric id (citizen, appointment); {@code what} names the kind in the error, e.g. "a citizen id". */
    public static Optional<Long> number(RoutingContext ctx, Responses responses, String what) {
        return parsed(ctx, responses, what, Long::parseLong);
    }

    /** {@code what} names the kind of id in the error, e.g. "a command id". */
    public static Optional<UUID> uuid(RoutingContext ctx, Responses responses, String what) {
        return parsed(ctx, responses, what, UUID::fromString);
    }

    /** {@code parser} throws IllegalArgumentException (NumberFormatException is one) for what is not an id. */
    private static <T> Optional<T> parsed(RoutingContext ctx, Responses responses, String what, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(ctx.pathParam("id")));
        } catch (IllegalArgumentException e) {
            responses.error(ctx, 404, "'" + ctx.pathParam("id") + "' is not " + what);
            return Optional.empty();
        }
    }
}
