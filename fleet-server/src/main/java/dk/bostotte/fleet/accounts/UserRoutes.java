package dk.bostotte.fleet.accounts;

import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.http.PathIds;
import dk.bostotte.fleet.http.Responses;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users and roles, for admins only: {@code GET /api/users}, {@code POST /api/users}
 * ({@code username}, {@code displayName}, {@code role}, {@code team}, {@code password}),
 * {@code POST /api/users/{id}/disable}, {@code /enable} and {@code /password} ({@code password}).
 * Every change is audited; no password ever is.
 */
public final class UserRoutes {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");
    static final int MIN_PASSWORD = 10;

    record NewUser(String username, String displayName, String role, String team, String password) {
    }

    record NewPassword(String password) {
    }

    private final Vertx vertx;
    private final AccountService accounts;
    private final ApiSecurity security;
    private final AuditLog audit;
    private final Responses responses;

    public UserRoutes(Vertx vertx, AccountService accounts, ApiSecurity security, AuditLog audit, Responses responses) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.security = security;
        this.audit = audit;
        this.responses = responses;
    }

    public void mount(Router router) {
        var admins = security.requireRole(Role.ADMIN);
        router.get("/api/users").handler(admins).handler(ctx -> vertx.executeBlocking(accounts::list)
                .onSuccess(l -> responses.json(ctx, 200, l)).onFailure(ctx::fail));
        router.post("/api/users").handler(admins).handler(this::create);
        router.post("/api/users/:id/disable").handler(admins).handler(ctx -> disable(ctx, true));
        router.post("/api/users/:id/enable").handler(admins).handler(ctx -> disable(ctx, false));
        router.post("/api/users/:id/password").handler(admins).handler(this::password);
    }

    private void create(RoutingContext ctx) {
        NewUser u = responses.body(ctx, NewUser.class);
        if (u == null) {
            return;
        }
        Role role;
        try {
            role = Role.fromWire(u.role() == null ? "" : u.role());
        } catch (IllegalArgumentException e) {
            responses.error(ctx, 400, "role must be staff, support, admin or manager");
            return;
        }
        if (u.username() == null || !USERNAME.matcher(u.username()).matches()) {
            responses.error(ctx, 400, "username: 2 to 32 of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
            return;
        }
        if (u.displayName() == null || u.displayName().isBlank() || u.displayName().length() > 100) {
            responses.error(ctx, 400, "displayName: 1 to 100 characters");
            return;
        }
        if (u.password() == null || u.password().length() < MIN_PASSWORD) {
            responses.error(ctx, 400, "password: at least " + MIN_PASSWORD + " characters");
            return;
        }
        String team = u.team() == null || u.team().isBlank() ? null : u.team().trim();
        String who = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> {
            Optional<AccountService.UserView> created = accounts.create(u.username(), u.displayName().trim(), role, team,
                    u.password().toCharArray());
            created.ifPresent(c -> audit.record(who, "user.create", c.username(), Map.of("role", c.role(),
                    "team", String.valueOf(c.team()))));
            return created;
        }).onSuccess(c -> {
            if (c.isEmpty()) {
                responses.error(ctx, 409, "username-taken", "the username " + u.username() + " is taken");
            } else {
                responses.json(ctx, 201, c.get());
            }
        }).onFailure(ctx::fail);
    }

    private void disable(RoutingContext ctx, boolean disabled) {
        Optional<Long> id = id(ctx);
        if (id.isEmpty()) {
            return;
        }
        String who = ApiSecurity.account(ctx).username();
        if (disabled && ApiSecurity.account(ctx).id() == id.get()) {
            responses.error(ctx, 409, "own-account", "you cannot disable your own account");
            return;
        }
        vertx.executeBlocking(() -> {
            boolean found = accounts.setDisabled(id.get(), disabled);
            if (found) {
                audit.record(who, disabled ? "user.disable" : "user.enable", Long.toString(id.get()), Map.of());
            }
            return found;
        }).onSuccess(found -> {
            security.forgetLogins();
            if (found) {
                responses.json(ctx, 200, Map.of("id", id.get(), "disabled", disabled));
            } else {
                responses.error(ctx, 404, "no user " + id.get());
            }
        }).onFailure(ctx::fail);
    }

    private void password(RoutingContext ctx) {
        Optional<Long> id = id(ctx);
        NewPassword p = id.isEmpty() ? null : responses.body(ctx, NewPassword.class);
        if (p == null) {
            return;
        }
        if (p.password() == null || p.password().length() < MIN_PASSWORD) {
            responses.error(ctx, 400, "password: at least " + MIN_PASSWORD + " characters");
            return;
        }
        String who = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> {
            boolean found = accounts.resetPassword(id.get(), p.password().toCharArray());
            if (found) {
                audit.record(who, "user.password-reset", Long.toString(id.get()), Map.of());
            }
            return found;
        }).onSuccess(found -> {
            security.forgetLogins();
            if (found) {
                responses.json(ctx, 200, Map.of("id", id.get()));
            } else {
                responses.error(ctx, 404, "no user " + id.get());
            }
        }).onFailure(ctx::fail);
    }

    private Optional<Long> id(RoutingContext ctx) {
        return PathIds.number(ctx, responses, "a user id");
    }
}
