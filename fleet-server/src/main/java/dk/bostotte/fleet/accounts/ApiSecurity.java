package dk.bostotte.fleet.accounts;

import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.http.FleetHttpServer;
import dk.bostotte.fleet.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is asking: a browser session (with a CSRF token on every state-changing request) or HTTP
 * basic credentials for scripts, which carry no ambient authority and so need no token. As a
 * handler it authenticates, so {@code /api/*} can be guarded without the HTTP server knowing accounts.
 *
 * <p>A 401 challenges with {@code WWW-Authenticate: Basic} only a client that is not a browser page
 * (see {@link #fromBrowser}): a browser would answer the challenge with its own sign-in box over the
 * console, while the console's scripts notice the 401 and send the person to the sign-in page.
 * Scripts keep working either way: those that send credentials pre-emptively never see the
 * challenge, and those that wait for one (Java's {@code Authenticator}) send no browser headers.
 */
public final class ApiSecurity implements Handler<RoutingContext> {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);
    static final String ACCOUNT = "account";
    static final String CSRF = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Vertx vertx;
    private final AccountService accounts;
    private final Responses responses;
    private final SecureRandom random = new SecureRandom();

    private final AuditLog audit;

    public ApiSecurity(Vertx vertx, AccountService accounts, Responses responses, AuditLog audit) {
        this.audit = audit;
        this.vertx = vertx;
        this.accounts = accounts;
        this.responses = responses;
    }

    @Override
    public void handle(RoutingContext ctx) {
        authenticate(ctx);
    }

    /** Lets the request through with an {@link Account} in the context, or answers 401/403. */
    public void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            basic(ctx, header.substring(6).trim());
            return;
        }
        Session session = ctx.session();
        Account account = sessionAccount(session);
        if (account != null && accounts.isDisabled(account.id())) {
            session.destroy(); // disabled by an admin since signing in
            account = null;
        }
        if (account == null) {
            challenge(ctx);
            responses.error(ctx, 401, "sign in or send credentials");
            return;
        }
        if (!isSafe(ctx.request().method()) && !csrfMatches(session, ctx.request().getHeader(CSRF_HEADER))) {
            log.warn("refused {} {} for {}: missing or wrong CSRF token", ctx.request().method(), ctx.normalizedPath(), account.username());
            responses.error(ctx, 403, "missing or wrong " + CSRF_HEADER + " header");
            return;
        }
        ctx.put(ACCOUNT, account);
        ctx.next();
    }

    private void basic(RoutingContext ctx, String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            responses.error(ctx, 401, "malformed basic credentials");
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            responses.error(ctx, 401, "malformed basic credentials");
            return;
        }
        String user = decoded.substring(0, colon);
        char[] password = decoded.substring(colon + 1).toCharArray();
        String cacheKey = sha256(decoded);
        CachedLogin cached = recentLogins.get(cacheKey);
        if (cached != null && cached.until() > System.nanoTime() && !accounts.isDisabled(cached.account().id())) {
            ctx.put(ACCOUNT, cached.account());
            ctx.next();
            return;
        }
        vertx.executeBlocking(() -> accounts.authenticate(user, password)).onComplete(ar -> {
            Optional<Account> account = ar.succeeded() ? ar.result() : Optional.empty();
            account.ifPresent(a -> remember(cacheKey, a));
            if (account.isEmpty()) {
                log.warn("refused basic credentials for '{}' from {}", user, ctx.request().remoteAddress());
                challenge(ctx);
                responses.error(ctx, 401, "wrong user name or password");
                return;
            }
            ctx.put(ACCOUNT, account.get());
            ctx.next();
        });
    }

    /**
     * Scripts send the same credentials with every request; checking Argon2 each time would cost
     * tens of milliseconds a call. A successful check is remembered briefly, keyed by a hash of the
     * credentials (never the password itself); a changed password simply misses the cache.
     */
    private record CachedLogin(Account account, long until) {
    }

    private final Map<String, CachedLogin> recentLogins = new ConcurrentHashMap<>();
    private static final long LOGIN_CACHE_NANOS = TimeUnit.MINUTES.toNanos(2);

    private void remember(String key, Account account) {
        if (recentLogins.size() > 10_000) {
            recentLogins.clear();
        }
        recentLogins.put(key, new CachedLogin(account, System.nanoTime() + LOGIN_CACHE_NANOS));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A handler that answers 403 unless the signed-in account has one of {@code roles}. */
    public Handler<RoutingContext> requireRole(Role... roles) {
        Set<Role> allowed = Set.of(roles);
        return ctx -> {
            Account a = ctx.get(ACCOUNT);
            if (a != null && a.hasAnyRole(allowed)) {
                ctx.next();
                return;
            }
            log.warn("refused {} {} for {} (role {}): needs {}", ctx.request().method(), ctx.normalizedPath(),
                    a == null ? "?" : a.username(), a == null ? "-" : a.role().wire(), allowed);
            if (a != null && audit != null) {
                String what = ctx.request().method() + " " + ctx.normalizedPath();
                vertx.executeBlocking(() -> {
                    audit.record(a.username(), "access.refused", what, Map.of("role", a.role().wire()));
                    return null;
                });
            }
            responses.error(ctx, 403, "your role may not do this");
        };
    }

    /** Forgets remembered basic-auth logins, so a new password or a disabled account counts at once. */
    public void forgetLogins() {
        recentLogins.clear();
    }

    public static Account account(RoutingContext ctx) {
        return ctx.get(ACCOUNT);
    }

    /** Starts a signed-in session (new id against fixation) and returns its CSRF token. */
    public String signIn(Session session, Account account) {
        session.regenerateId();
        session.put(ACCOUNT, account.toJson());
        return csrfToken(session);
    }

    /** Who signed in to {@code session}; null for none (or no session). */
    static Account sessionAccount(Session session) {
        JsonObject json = session == null ? null : session.get(ACCOUNT);
        return json == null ? null : Account.fromJson(json);
    }

    /** Asks for basic credentials, unless the request comes from a browser page (which would show its own box). */
    private static void challenge(RoutingContext ctx) {
        if (!fromBrowser(ctx.request())) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"bostotte\", charset=\"UTF-8\"");
        }
    }

    /**
     * Whether a browser sent this: it carries the console's session cookie, or one of the headers
     * browsers add to their own requests and scripts do not: {@code Sec-Fetch-Mode} (every current
     * browser, on every request, and not settable by a page), {@code X-Requested-With} (older
     * libraries' ajax calls) or an {@code Accept} asking for HTML (a page opened directly).
     */
    static boolean fromBrowser(HttpServerRequest request) {
        String accept = request.getHeader("Accept");
        return FleetHttpServer.sentSessionCookie(request).isPresent() || request.getHeader("Sec-Fetch-Mode") != null
                || request.getHeader("X-Requested-With") != null || (accept != null && accept.contains("text/html"));
    }

    public String csrfToken(Session session) {
        String token = session.get(CSRF);
        if (token == null) {
            byte[] b = new byte[24];
            random.nextBytes(b);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            session.put(CSRF, token);
        }
        return token;
    }

    static boolean csrfMatches(Session session, String presented) {
        String expected = session.get(CSRF);
        return expected != null && presented != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isSafe(HttpMethod m) {
        return m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS;
    }
}
