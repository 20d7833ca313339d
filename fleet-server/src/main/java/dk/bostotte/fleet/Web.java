package dk.bostotte.fleet;

import dk.bostotte.fleet.accounts.AccountService;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.config.ConsoleConfig;
import dk.bostotte.fleet.config.HttpConfig;
import dk.bostotte.fleet.db.Database;
import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.ConsolePages;
import dk.bostotte.fleet.accounts.ConsoleSessionStore;
import dk.bostotte.fleet.http.FleetHttpServer;
import dk.bostotte.fleet.health.HealthRoutes;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.fleet.metrics.FleetMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Deque;

/** Vert.x and the console's HTTP server with its API security, health and pages; each feature mounts its routes here. */
record Web(Vertx vertx, FleetHttpServer http, ApiSecurity security, Responses responses) {

    static Web start(ConsoleConfig console, FleetBroker broker, Database database, FleetMetrics metrics,
                     AccountService accounts, AuditLog audit, ObjectMapper json, Deque<AutoCloseable> toClose) {
        Vertx vertx = Vertx.vertx();
        toClose.push(() -> vertx.close().await());
        Responses responses = new Responses(json);
        ConsoleSessionStore sessions = new ConsoleSessionStore(database.dsl()).start(vertx);
        // Closed after the HTTP server (pushed before it), so the last requests' sessions are written.
        toClose.push(sessions::close);
        FleetHttpServer http = new FleetHttpServer(vertx, responses, sessions);
        ApiSecurity security = new ApiSecurity(vertx, accounts, responses, audit);
        http.protectApi(security);
        new HealthRoutes(vertx, broker, database, metrics, responses).mount(http.router(), security);
        new ConsolePages(vertx, accounts, security, audit, responses, console.mapTilesUrl(), console.mapTilesOrigin())
                .mount(http.router());
        return new Web(vertx, http, security, responses);
    }

    Router router() {
        return http.router();
    }

    /** Starts listening, once every route is mounted; returns the port. */
    int listen(HttpConfig config, Deque<AutoCloseable> toClose) {
        int port = http.start(config.host(), config.port(), config.tlsKeystore(), config.tlsPassword());
        toClose.push(http::stop);
        return port;
    }
}
