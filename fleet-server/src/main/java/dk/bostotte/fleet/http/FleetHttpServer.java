package dk.bostotte.fleet.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP side: common handlers, then each feature mounts its own routes. */
public final class FleetHttpServer {

    private static final Logger log = LoggerFactory.getLogger(FleetHttpServer.class);

    private final Vertx vertx;
    private final Router router;
    private final Responses responses;
    private HttpServer server;

    public FleetHttpServer(Vertx vertx, Responses responses) {
        this.vertx = vertx;
        this.responses = responses;
        this.router = Router.router(vertx);
        BodyHandler bodies = BodyHandler.create().setBodyLimit(256 * 1024).setDeleteUploadedFilesOnEnd(true);
        // A WebSocket upgrade has no body, and reading one would consume the request before the upgrade.
        router.route().handler(ctx -> {
            if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
                // Held until the upgrade: signing in may take a moment, and an ended request cannot upgrade.
                ctx.request().pause();
                ctx.next();
            } else {
                bodies.handle(ctx);
            }
        });
        router.route().handler(SessionHandler.create(LocalSessionStore.create(vertx)).setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT).setSessionTimeout(8L * 3600 * 1000)
                .setSessionCookieName("bostotte.session"));
        router.route("/static/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        // Libraries from WebJars (Leaflet), straight from their jars.
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    }

    /** Features mount their routes here; {@code /api/*} is authenticated before any of them run. */
    public Router router() {
        return router;
    }

    /** {@code authentication} lets a request on to {@code /api/*} only once it knows who asks. */
    public void protectApi(Handler<RoutingContext> authentication) {
        router.route("/api/*").handler(authentication);
    }

    /** Listens on plain HTTP, or HTTPS when a PKCS#12 keystore is given (browsers allow cameras only on HTTPS or localhost). */
    public int start(String host, int port, Optional<Path> tlsKeystore, String tlsPassword) {
        router.route("/api/*").last().handler(ctx -> responses.error(ctx, 404, "no such API endpoint"));
        router.errorHandler(500, ctx -> {
            log.error("request {} {} failed", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
            responses.error(ctx, 500, "internal error");
        });
        HttpServerOptions options = new HttpServerOptions();
        if (tlsKeystore.isPresent()) {
            options.setSsl(true).setKeyCertOptions(new PfxOptions().setPath(tlsKeystore.get().toString()).setPassword(tlsPassword));
        }
        server = vertx.createHttpServer(options).requestHandler(router).listen(port, host).await();
        log.info("HTTP console and API on {}://{}:{}/", tlsKeystore.isPresent() ? "https" : "http", host, server.actualPort());
        return server.actualPort();
    }

    public void stop() {
        if (server != null) {
            server.close().await();
        }
    }
}
