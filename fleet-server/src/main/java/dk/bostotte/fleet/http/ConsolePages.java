package dk.bostotte.fleet.http;

import dk.bostotte.protocol.message.Command;
import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.accounts.AccountService;
import dk.bostotte.fleet.audit.AuditLog;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sign-in, sign-out and the console's first page. Pages are HTML templates with {@code {{key}}}
 * placeholders: {@code t.*} from the message bundle (Danish by default, English with ?lang=en),
 * everything else escaped as text, so nothing a user typed can become markup.
 */
public final class ConsolePages {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z0-9_.-]+)}}");
    private static final Pattern INCLUDE = Pattern.compile("<!--#include ([a-z]+\\.html)-->\n?");
    /** Read from the jar once, not on every request. */
    private static final Map<String, String> TEMPLATES = java.util.stream.Stream.of("login.html", "devices.html",
                    "citizens.html", "coverage.html", "device.html", "inventory.html", "audit.html", "users.html", "alerts.html",
                    "report.html")
            .collect(java.util.stream.Collectors.toUnmodifiableMap(name -> name, ConsolePages::load));

    private final Vertx vertx;
    private final AccountService accounts;
    private final ApiSecurity security;
    private final AuditLog audit;
    private final String mapTilesUrl;
    private final String mapTilesOrigin;

    public ConsolePages(Vertx vertx, AccountService accounts, ApiSecurity security, AuditLog audit, String mapTilesUrl,
                        String mapTilesOrigin) {
        this.mapTilesUrl = mapTilesUrl;
        this.mapTilesOrigin = mapTilesOrigin;
        this.vertx = vertx;
        this.accounts = accounts;
        this.security = security;
        this.audit = audit;
    }

    public void mount(Router router) {
        router.get("/login").handler(ctx -> page(ctx, "login.html", Map.of("csrf", security.csrfToken(ctx.session()), "error", "")));
        router.post("/login").handler(this::login);
        router.post("/logout").handler(this::logout);
        router.get("/").handler(ctx -> {
            Account a = ctx.session().get(ApiSecurity.ACCOUNT);
            // A manager reads the report and nothing else.
            if (a != null && a.role() == dk.bostotte.fleet.accounts.Role.MANAGER) {
                ctx.redirect("/report");
            } else {
                signedInPage(ctx, "citizens.html");
            }
        });
        router.get("/report").handler(ctx -> rolePage(ctx, "report.html", dk.bostotte.fleet.accounts.Role.ADMIN,
                dk.bostotte.fleet.accounts.Role.MANAGER));
        // The fleet, a device and coverage are for IT support and admins.
        router.get("/devices").handler(ctx -> supportPage(ctx, "devices.html"));
        router.get("/devices/:id").handler(ctx -> supportPage(ctx, "device.html"));
        router.get("/coverage").handler(ctx -> supportPage(ctx, "coverage.html"));
        router.get("/audit").handler(ctx -> supportPage(ctx, "audit.html"));
        router.get("/alerts").handler(ctx -> supportPage(ctx, "alerts.html"));
        router.get("/inventory").handler(ctx -> rolePage(ctx, "inventory.html", dk.bostotte.fleet.accounts.Role.ADMIN));
        router.get("/users").handler(ctx -> rolePage(ctx, "users.html", dk.bostotte.fleet.accounts.Role.ADMIN));
    }

    /** A page for support and admin; staff are sent to their own page, and the attempt is audited. */
    private void supportPage(RoutingContext ctx, String template) {
        rolePage(ctx, template, dk.bostotte.fleet.accounts.Role.SUPPORT, dk.bostotte.fleet.accounts.Role.ADMIN);
    }

    /** A page only {@code roles} may open; anyone else is sent to their own page, and the attempt is audited. */
    private void rolePage(RoutingContext ctx, String template, dk.bostotte.fleet.accounts.Role... roles) {
        Account a = ctx.session().get(ApiSecurity.ACCOUNT);
        if (a != null && !a.hasAnyRole(java.util.Set.of(roles))) {
            String path = ctx.normalizedPath();
            vertx.executeBlocking(() -> {
                audit.record(a.username(), "access.refused", path, Map.of("role", a.role().wire()));
                return null;
            });
            ctx.redirect("/");
            return;
        }
        signedInPage(ctx, template);
    }

    private void signedInPage(RoutingContext ctx, String template) {
        Account a = ctx.session().get(ApiSecurity.ACCOUNT);
        if (a == null) {
            ctx.redirect("/login");
            return;
        }
        page(ctx, template, Map.of("csrf", security.csrfToken(ctx.session()), "user", a.displayName(),
                "username", a.username(), "role", a.role().wire(), "tiles", mapTilesUrl,
                // The protocol's spelling of the lock command's message, for device.js.
                "lockMessageParam", Command.LOCK_MESSAGE));
    }

    private void login(RoutingContext ctx) {
        Session session = ctx.session();
        String user = Optional.ofNullable(ctx.request().getFormAttribute("username")).orElse("").trim();
        String password = Optional.ofNullable(ctx.request().getFormAttribute("password")).orElse("");
        if (!ApiSecurity.csrfMatches(session, ctx.request().getFormAttribute("_csrf"))) {
            ctx.response().setStatusCode(403);
            page(ctx, "login.html", Map.of("csrf", security.csrfToken(session), "error", text(ctx, "login.expired")));
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
                page(ctx, "login.html", Map.of("csrf", security.csrfToken(session), "error", text(ctx, "login.wrong")));
                return;
            }
            security.signIn(session, account.get());
            vertx.executeBlocking(() -> {
                audit.record(account.get().username(), "login", null, Map.of());
                return null;
            });
            ctx.redirect("/");
        });
    }

    private void logout(RoutingContext ctx) {
        Session session = ctx.session();
        if (ApiSecurity.csrfMatches(session, ctx.request().getFormAttribute("_csrf"))) {
            session.destroy();
        }
        ctx.redirect("/login");
    }

    private static Locale locale(RoutingContext ctx) {
        String lang = ctx.queryParams().get("lang");
        return "en".equals(lang) ? Locale.ENGLISH : Locale.forLanguageTag("da");
    }

    private static String text(RoutingContext ctx, String key) {
        return ResourceBundle.getBundle("i18n.console", locale(ctx)).getString(key);
    }

    private void page(RoutingContext ctx, String template, Map<String, String> values) {
        ResourceBundle bundle = ResourceBundle.getBundle("i18n.console", locale(ctx));
        Matcher m = PLACEHOLDER.matcher(TEMPLATES.get(template));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = key.startsWith("t.") ? bundle.getString(key.substring(2))
                    : key.equals("lang") ? locale(ctx).getLanguage() : values.getOrDefault(key, "");
            m.appendReplacement(out, Matcher.quoteReplacement(escape(value)));
        }
        m.appendTail(out);
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data: " + mapTilesOrigin
                                + "; media-src 'self' blob:; frame-ancestors 'none'")
                // The call view needs the camera and microphone of this origin, nothing else.
                .putHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()")
                .putHeader("X-Content-Type-Options", "nosniff").end(out.toString());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** A template, with {@code <!--#include NAME-->} lines replaced by that file (the shared header). */
    private static String load(String name) {
        try (InputStream in = ConsolePages.class.getResourceAsStream("/console/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher include = INCLUDE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (include.find()) {
                include.appendReplacement(out, Matcher.quoteReplacement(load(include.group(1))));
            }
            return include.appendTail(out).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
