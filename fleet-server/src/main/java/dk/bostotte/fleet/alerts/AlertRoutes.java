package dk.bostotte.fleet.alerts;

import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.http.PathIds;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.protocol.DeviceId;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/alerts} (filters {@code state=open|cleared}, {@code unacknowledged=true},
 * {@code device=ID}) and {@code POST /api/alerts/{id}/acknowledge}, for IT support and admins.
 */
public final class AlertRoutes {

    private static final int MAX_ALERTS = 500;
    private static final Set<String> STATES = Set.of(Alert.OPEN, Alert.CLEARED);

    private final Vertx vertx;
    private final AlertService alerts;
    private final AlertStore store;
    private final Responses responses;

    public AlertRoutes(Vertx vertx, AlertService alerts, AlertStore store, Responses responses) {
        this.vertx = vertx;
        this.alerts = alerts;
        this.store = store;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        var support = security.requireRole(Role.SUPPORT, Role.ADMIN);
        router.get("/api/alerts").handler(support).handler(this::list);
        router.post("/api/alerts/:id/acknowledge").handler(support).handler(this::acknowledge);
    }

    private void list(RoutingContext ctx) {
        Optional<String> state = Optional.ofNullable(ctx.queryParams().get("state")).filter(s -> !s.isBlank());
        if (state.isPresent() && !STATES.contains(state.get())) {
            responses.error(ctx, 400, "state must be one of " + STATES + ", not '" + state.get() + "'");
            return;
        }
        Optional<String> device = Optional.ofNullable(ctx.queryParams().get("device")).filter(s -> !s.isBlank());
        if (device.isPresent() && DeviceId.parse(device.get()).isEmpty()) {
            responses.error(ctx, 400, "'" + device.get() + "' is not a device id");
            return;
        }
        boolean unacknowledged = "true".equals(ctx.queryParams().get("unacknowledged"));
        vertx.executeBlocking(() -> store.raised(state, unacknowledged, device.map(d -> DeviceId.parse(d).get().value()),
                MAX_ALERTS)).onSuccess(a -> responses.json(ctx, 200, a)).onFailure(ctx::fail);
    }

    private void acknowledge(RoutingContext ctx) {
        Optional<Long> parsed = PathIds.number(ctx, responses, "an alert id");
        if (parsed.isEmpty()) {
            return;
        }
        long id = parsed.get();
        String who = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> alerts.acknowledge(id, who).map(a -> (Object) a)
                .or(() -> store.find(id).map(a -> (Object) ("alert " + id + " was already acknowledged by "
                        + a.acknowledgedBy())))).onSuccess(r -> {
            if (r.isEmpty()) {
                responses.error(ctx, 404, "no raised alert " + id);
            } else if (r.get() instanceof String conflict) {
                responses.error(ctx, 409, conflict);
            } else {
                responses.json(ctx, 200, r.get());
            }
        }).onFailure(ctx::fail);
    }
}
