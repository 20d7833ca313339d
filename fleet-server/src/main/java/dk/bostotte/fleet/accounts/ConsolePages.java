package dk.bostotte.fleet.accounts;

import dk.bostotte.protocol.message.Command;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.http.PageTemplates;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.fleet.http.FleetHttpServer;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in, sign-out and the console's pages ({@link ConsolePage}: which role may open which page,
 * where each role starts), with an audited refusal for anyone else.
 */
public final class ConsolePages {

    private final Vertx vertx;
    private final AccountService accounts;
    private final ApiSecurity security;
    private final AuditLog audit;
    private final String mapTilesUrl;
    private final PageTemplates pages;
    private final Responses responses;

    public ConsolePages(Vertx vertx, AccountService accounts, ApiSecurity security, AuditLog audit, Responses responses,
                        String mapTilesUrl, String mapTilesOrigin) {
        this.responses = responses;
        this.mapTilesUrl = mapTilesUrl;
        this.pages = new PageTemplates(mapTilesOrigin);
        this.vertx = vertx;
        this.accounts = accounts;
        this.security = security;
        this.audit = audit;
    }

    public void mount(Router router) {
        router.get("/login").handler(this::loginPage);
        router.post("/login").handler(this::login);
        router.post("/logout").handler(this::logout);
        // Who is signed in: what a page asks when a live connection failed, to tell an ended session from a network fault.
        router.get("/api/session").handler(ctx -> {
            Account a = ApiSecurity.account(ctx);
            responses.json(ctx, 200, Map.of("username", a.username(), "role", a.role().wire()));
        });
        for (ConsolePage page : ConsolePage.values()) {
            router.get(page.path).handler(ctx -> rolePage(ctx, page));
        }
    }

    /**
     * A page only its roles may open. Anyone else is sent to their own start page: from "/" (where
     * signing in lands) silently, from any other page with the attempt audited.
     */
    private void rolePage(RoutingContext ctx, ConsolePage page) {
        Account a = ApiSecurity.sessionAccount(ctx.session());
        if (a != null && !page.openTo(a.role())) {
            if (!"/".equals(page.path)) {
                String path = ctx.normalizedPath();
                vertx.executeBlocking(() -> {
                    audit.record(a.username(), "access.refused", path, Map.of("role", a.role().wire()));
                    return null;
                });
            }
            ctx.redirect(ConsolePage.startFor(a.role()).path);
            return;
        }
        signedInPage(ctx, page.template);
    }

    private void signedInPage(RoutingContext ctx, String template) {
        Account a = ApiSecurity.sessionAccount(ctx.session());
        if (a == null) {
            // Back here after signing in; "expired" when the browser still had a session this server no longer knows.
            boolean expired = FleetHttpServer.sentSessionCookie(ctx.request()).filter(id -> !id.equals(ctx.session().id())).isPresent();
            ctx.redirect(SignInReturn.loginUrl(ctx.request().uri(), expired));
            return;
        }
        Map<String, String> values = new HashMap<>(Map.of("csrf", security.csrfToken(ctx.session()), "user", a.displayName(),
                "username", a.username(), "role", a.role().wire(), "tiles", mapTilesUrl,
                // The protocol's spelling of the lock command's message, for device.js.
                "lockMessageParam", Command.LOCK_MESSAGE));
        // The header links only the pages this role may open.
        for (ConsolePage page : ConsolePage.values()) {
            values.put(page.navKey(), page.navAttribute(a.role()));
        }
        pages.render(ctx, template, values);
    }

    /** The sign-in page; {@code ?expired=1} says why the console sent the person here, {@code ?next=} where to go after. */
    private void loginPage(RoutingContext ctx) {
        String message = ctx.queryParams().contains("expired") ? PageTemplates.text(ctx, "login.signedOut") : "";
        renderLogin(ctx, message);
    }

    private void renderLogin(RoutingContext ctx, String error) {
        String asked = Optional.ofNullable(ctx.request().getFormAttribute("next")).orElse(ctx.queryParams().get("next"));
        String next = SignInReturn.next(asked).orElse("");
        pages.render(ctx, "login.html", Map.of("csrf", security.csrfToken(ctx.session()), "error", error, "next", next));
    }

    private void login(RoutingContext ctx) {
        Session session = ctx.session();
        String user = Optional.ofNullable(ctx.request().getFormAttribute("username")).orElse("").trim();
        String password = Optional.ofNullable(ctx.request().getFormAttribute("password")).orElse("");
        if (!ApiSecurity.csrfMatches(session, ctx.request().getFormAttribute("_csrf"))) {
            ctx.response().setStatusCode(403);
            renderLogin(ctx, PageTemplates.text(ctx, "login.expired"));
            return;
        }
        vertx.executeBlocking(() -> accounts.authenticate(user, password.toCharArray())).onComplete(ar -> {
            Optional<Account> account = ar.succeeded() ? ar.result() : Optional.empty();
            if (account.isEmpty()) {
                vertx.executeBlocking(() -> {
                    audit.record(user.isEmpty() ? "?" : user, "login.failed", null, Map.of());
                    return null;
                });
                ctx.response().setStatusCode(401);
                renderLogin(ctx, PageTemplates.text(ctx, "login.wrong"));
                return;
            }
            security.signIn(session, account.get());
            vertx.executeBlocking(() -> {
                audit.record(account.get().username(), "login", null, Map.of());
                return null;
            });
            ctx.redirect(SignInReturn.next(ctx.request().getFormAttribute("next")).orElse("/"));
        });
    }

    private void logout(RoutingContext ctx) {
        Session session = ctx.session();
        if (ApiSecurity.csrfMatches(session, ctx.request().getFormAttribute("_csrf"))) {
            session.destroy();
        }
        ctx.redirect("/login");
    }
}
