package dk.bostotte.fleet.health;

import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.db.Database;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.fleet.metrics.FleetMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health} for load balancers and systemd (open), {@code /metrics} for Prometheus (support/admin). */
public final class HealthRoutes {

    private final Vertx vertx;
    private final FleetBroker broker;
    private final Database database;
    private final FleetMetrics metrics;
    private final Responses responses;

    public HealthRoutes(Vertx vertx, FleetBroker broker, Database database, FleetMetrics metrics, Responses responses) {
        this.vertx = vertx;
        this.broker = broker;
        this.database = database;
        this.metrics = metrics;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        router.get("/health").handler(ctx -> vertx.executeBlocking(database::isHealthy).onComplete(ar -> {
            boolean db = ar.succeeded() && ar.result();
            boolean mqtt = broker.isRunning();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", db && mqtt ? "up" : "down");
            body.put("broker", mqtt ? "up" : "down");
            body.put("database", db ? "up" : "down");
            responses.json(ctx, db && mqtt ? 200 : 503, body);
        }));
        router.get("/metrics").handler(security::authenticate).handler(security.requireRole(Role.SUPPORT, Role.ADMIN))
                .handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(metrics.scrape()));
    }
}
