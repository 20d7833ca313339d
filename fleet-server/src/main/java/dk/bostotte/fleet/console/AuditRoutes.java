package dk.bostotte.fleet.console;

import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.http.Responses;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/audit?actor=&action=&subject=&from=&to=&before=&limit=} for IT support and
 * admins: who did what, newest first; {@code action} is a prefix ("command." finds every command).
 */
public final class AuditRoutes {

    private static final int MAX = 500;

    private final Vertx vertx;
    private final AuditLog audit;
    private final Responses responses;

    public AuditRoutes(Vertx vertx, AuditLog audit, Responses responses) {
        this.vertx = vertx;
        this.audit = audit;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        router.get("/api/audit").handler(security.requireRole(Role.SUPPORT, Role.ADMIN)).handler(this::search);
    }

    private void search(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        Instant from;
        Instant to;
        Long before;
        int limit;
        try {
            from = instant(q.get("from"));
            to = instant(q.get("to"));
            before = blank(q.get("before")) == null ? null : Long.valueOf(q.get("before"));
            limit = blank(q.get("limit")) == null ? 100 : Integer.parseInt(q.get("limit"));
        } catch (DateTimeParseException e) {
            responses.error(ctx, 400, "from and to are ISO-8601 instants such as 2026-11-23T00:00:00Z");
            return;
        } catch (NumberFormatException e) {
            responses.error(ctx, 400, "before and limit are whole numbers");
            return;
        }
        if (limit < 1 || limit > MAX) {
            responses.error(ctx, 400, "limit must be between 1 and " + MAX);
            return;
        }
        String actor = blank(q.get("actor"));
        String action = blank(q.get("action"));
        String subject = blank(q.get("subject"));
        vertx.executeBlocking(() -> audit.search(actor, action, subject, from, to, before, limit))
                .onSuccess(l -> responses.json(ctx, 200, l)).onFailure(ctx::fail);
    }

    private static Instant instant(String s) {
        return blank(s) == null ? null : Instant.parse(s.trim());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
