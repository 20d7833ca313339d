package dk.bostotte.fleet.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.http.PathIds;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.fleet.metrics.FleetMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's call signalling WebSocket ({@code /api/calls/ws}, signed-in session, same origin
 * only) and the call records' JSON API. A worker sees their own calls; support and admin see all.
 */
public final class CallRoutes {

    private static final Logger log = LoggerFactory.getLogger(CallRoutes.class);

    private final Vertx vertx;
    private final CallService calls;
    private final CallStore store;
    private final Responses responses;
    private final FleetMetrics metrics;
    private final ObjectMapper json;

    public CallRoutes(Vertx vertx, CallService calls, CallStore store, Responses responses, FleetMetrics metrics) {
        this.vertx = vertx;
        this.calls = calls;
        this.store = store;
        this.responses = responses;
        this.metrics = metrics;
        this.json = responses.mapper();
    }

    public void mount(Router router, ApiSecurity security) {
        var anyone = security.requireRole(Role.STAFF, Role.SUPPORT, Role.ADMIN);
        router.get("/api/calls/ws").handler(anyone).handler(this::upgrade);
        router.get("/api/calls").handler(anyone).handler(this::list);
        router.get("/api/calls/:id").handler(anyone).handler(this::one);
    }

    private void upgrade(RoutingContext ctx) {
        Account account = ApiSecurity.account(ctx);
        if (!sameOrigin(ctx)) {
            // A cookie-authenticated WebSocket from another site would act as this user.
            responses.error(ctx, 403, "WebSocket from another origin");
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> open(ws, account)).onFailure(e -> {
            log.warn("call WebSocket upgrade failed: {}", e.toString());
            if (!ctx.response().ended()) {
                responses.error(ctx, 400, "expected a WebSocket upgrade");
            }
        });
    }

    private static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        String host = ctx.request().getHeader("Host");
        if (origin == null) {
            return true; // not a browser (scripts, tests): the session cookie is not ambient there
        }
        try {
            return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void open(ServerWebSocket ws, Account account) {
        ConsolePeer peer = new WebSocketPeer(ws, account, json);
        calls.consoleOpened(peer);
        ws.textMessageHandler(text -> {
            ConsoleRequest request;
            try {
                request = json.readValue(text, ConsoleRequest.class);
            } catch (JsonProcessingException e) {
                metrics.consoleRequestRejected("malformed_json");
                peer.send(ConsoleEvent.error(null, "not a call request: " + e.getOriginalMessage()));
                return;
            }
            if (request.type() == null) {
                metrics.consoleRequestRejected("missing_type");
                peer.send(ConsoleEvent.error(request.callId(), "a call request needs a type"));
                return;
            }
            calls.fromConsole(peer, request);
        });
        ws.exceptionHandler(e -> log.debug("call WebSocket of {}: {}", account.username(), e.toString()));
        ws.closeHandler(v -> calls.consoleClosed(peer));
    }

    private void list(RoutingContext ctx) {
        Account a = ApiSecurity.account(ctx);
        Long only = a.role() == Role.STAFF ? a.id() : null;
        String device = ctx.queryParams().get("deviceId");
        vertx.executeBlocking(() -> store.recent(only, device, 200)).onSuccess(l -> responses.json(ctx, 200, l))
                .onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        Account a = ApiSecurity.account(ctx);
        Optional<UUID> path = PathIds.uuid(ctx, responses, "a call id");
        if (path.isEmpty()) {
            return;
        }
        UUID id = path.get();
        vertx.executeBlocking(() -> store.find(id)).onSuccess(c -> {
            if (c.isEmpty() || (a.role() == Role.STAFF && !Long.valueOf(a.id()).equals(c.get().accountId()))) {
                responses.error(ctx, 404, "no call " + id);
            } else {
                responses.json(ctx, 200, c.get());
            }
        }).onFailure(ctx::fail);
    }

    /** Sends JSON text frames; Vert.x queues writes from any thread onto the socket's context. */
    private static final class WebSocketPeer implements ConsolePeer {
        private final ServerWebSocket ws;
        private final Account account;
        private final ObjectMapper json;

        WebSocketPeer(ServerWebSocket ws, Account account, ObjectMapper json) {
            this.ws = ws;
            this.account = account;
            this.json = json;
        }

        @Override
        public Account account() {
            return account;
        }

        @Override
        public void send(ConsoleEvent event) {
            if (ws.isClosed()) {
                return;
            }
            try {
                ws.writeTextMessage(json.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                log.error("cannot write {}", event.type(), e);
            }
        }
    }
}
