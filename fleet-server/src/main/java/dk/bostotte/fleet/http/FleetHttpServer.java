package dk.bostotte.fleet.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.SessionStore;
import java.nio.file.Path;
import java.util.Arrays;
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

    /** The console's session cookie. */
    public static final String SESSION_COOKIE = "bostotte.session";
    /** A console session ends after this long without a request. */
    public static final long SESSION_TIMEOUT_MS = 8L * 3600 * 1000;

    /** {@code sessions} keeps the console's sessions (the database, so they outlive a restart). */
    public FleetHttpServer(Vertx vertx, Responses responses, SessionStore sessions) {
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
        // Lazy: a request that never looks at its session (a script with basic credentials, /health, a
        // stylesheet) gets no session stored and no cookie.
        router.route().handler(SessionHandler.create(sessions).setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT).setSessionTimeout(SESSION_TIMEOUT_MS)
                .setSessionCookieName(SESSION_COOKIE).setLazySession(true));
        router.route("/static/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        // Libraries from WebJars (Leaflet), straight from their jars.
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    }

    /**
     * The session cookie as the browser sent it, read from the request's header: once the session
     * handler found no session for it, it takes the cookie out of the request's cookies.
     */
    public static Optional<String> sentSessionCookie(HttpServerRequest request) {
        String header = request.getHeader("Cookie");
        if (header == null) {
            return Optional.empty();
        }
        return Arrays.stream(header.split(";")).map(String::trim).filter(c -> c.startsWith(SESSION_COOKIE + "="))
                .map(c -> c.substring(SESSION_COOKIE.length() + 1)).findFirst();
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
