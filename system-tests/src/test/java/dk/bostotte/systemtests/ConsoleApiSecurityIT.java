package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API refuses anyone without a session or credentials, checks roles, and needs CSRF tokens in browsers. */
class ConsoleApiSecurityIT {

    static FleetTestEnvironment env;
    static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;

    @BeforeAll
    static void fleet() {
        env = FleetTestEnvironment.shared();
    }

    @Test
    void requestsWithoutSessionOrCredentialsAreRefused() {
        for (String path : new String[] {"/api/devices", "/api/devices/K7M3-Q9PX", "/api/nothing", "/metrics"}) {
            HttpResponse<String> r = env.http().get(path, null, null);
            assertEquals(401, r.statusCode(), path);
        }
        assertEquals(401, env.http().post("/api/devices", null, null, "{}").statusCode());
        assertEquals(401, env.http().get("/api/devices", "admin", "wrong-password").statusCode());
        assertEquals(302, env.http().get("/", null, null).statusCode(), "the console sends strangers to sign in");
    }

    @Test
    void healthIsOpenAndReportsBrokerAndDatabase() {
        HttpResponse<String> r = env.http().get("/health", null, null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"broker\":\"up\"") && r.body().contains("\"database\":\"up\""), r.body());
    }

    @Test
    void rolesDecideWhoReadsAndWhoEnrols() {
        assertEquals(403, env.http().get("/api/devices", "staff", PW).statusCode(), "staff do not see the fleet");
        assertEquals(200, env.http().get("/api/devices", "support", PW).statusCode());
        assertEquals(403, env.http().post("/api/devices", "support", PW, "{}").statusCode(), "only admins enrol");
        HttpResponse<String> bad = env.http().post("/api/devices", "admin", PW, "{\"id\":\"nope\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id"), "the error names the field: " + bad.body());
        assertEquals(400, env.http().post("/api/devices", "admin", PW, "{not json").statusCode());
        assertEquals(404, env.http().get("/api/devices/K7M3-Q9PX", "admin", PW).statusCode());
    }

    @Test
    void browserSessionNeedsCsrfTokenForChanges() {
        HttpResponse<String> loginPage = env.http().get("/login", null, null);
        String cookie = cookie(loginPage);
        String csrf = csrf(loginPage.body());
        String form = "username=support&password=" + URLEncoder.encode(PW, StandardCharsets.UTF_8) + "&_csrf=" + csrf;
        HttpResponse<String> login = env.http().send(env.http().request("/login", null, null).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(302, login.statusCode(), login.body());
        String session = cookie(login);

        // Support's start page (each role lands on its own).
        HttpResponse<String> page = env.http().send(env.http().request("/devices", null, null).header("Cookie", session).GET().build());
        assertEquals(200, page.statusCode());
        String token = csrf(page.body());
        HttpResponse<String> list = env.http().send(env.http().request("/api/devices", null, null).header("Cookie", session).GET().build());
        assertEquals(200, list.statusCode());

        HttpResponse<String> noToken = env.http().send(env.http().request("/api/devices/K7M3-Q9PX/revoke", null, null)
                .header("Cookie", session).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, noToken.statusCode(), "no CSRF token, no change");
        HttpResponse<String> withToken = env.http().send(env.http().request("/api/devices/K7M3-Q9PX/revoke", null, null)
                .header("Cookie", session).header("X-CSRF-Token", token).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, withToken.statusCode(), "token accepted, but support may not revoke: " + withToken.body());
        assertTrue(withToken.body().contains("role"), withToken.body());
    }

    @Test
    void wrongPasswordAtSignInIsRefusedWithAMessage() {
        HttpResponse<String> loginPage = env.http().get("/login", null, null);
        String form = "username=admin&password=nope&_csrf=" + csrf(loginPage.body());
        HttpResponse<String> r = env.http().send(env.http().request("/login", null, null).header("Cookie", cookie(loginPage))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("Forkert brugernavn eller adgangskode"), "Danish by default");
    }

    static String cookie(HttpResponse<?> r) {
        String set = r.headers().firstValue("set-cookie").orElseThrow(() -> new AssertionError("no session cookie"));
        return set.substring(0, set.indexOf(';'));
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("(?:name=\"_csrf\" value|name=\"csrf-token\" content)=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "page carries a CSRF token");
        return m.group(1);
    }
}
