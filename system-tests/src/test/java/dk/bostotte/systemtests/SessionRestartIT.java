package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed-in console survives a restart of the server: its session is in the database, not only
 * in the old process's memory. Its own fleet server, since it restarts it.
 */
class SessionRestartIT {

    private static FleetTestEnvironment env;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.start();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static HttpResponse<String> withSession(String path, String session) {
        return env.http().send(env.http().request(path, null, null).header("Cookie", session).GET().build());
    }

    @Test
    void aSignedInSessionOutlivesARestartAndSigningOutStillEndsIt() {
        HttpResponse<String> loginPage = env.http().get("/login", null, null);
        String form = "username=staff&password=" + URLEncoder.encode(FleetTestEnvironment.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + ConsoleApiSecurityIT.csrf(loginPage.body());
        HttpResponse<String> login = env.http().send(env.http().request("/login", null, null)
                .header("Cookie", ConsoleApiSecurityIT.cookie(loginPage))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(302, login.statusCode(), login.body());
        String session = ConsoleApiSecurityIT.cookie(login);
        assertEquals(200, withSession("/api/citizens", session).statusCode());

        env.stopServer();
        env.startServer();

        assertEquals(200, withSession("/api/citizens", session).statusCode(), "still signed in after the restart");
        HttpResponse<String> page = withSession("/", session);
        assertEquals(200, page.statusCode(), "the console page opens without signing in again");

        String signOut = "_csrf=" + ConsoleApiSecurityIT.csrf(page.body());
        env.http().send(env.http().request("/logout", null, null).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(signOut)).build());
        env.stopServer();
        env.startServer();
        assertEquals(401, withSession("/api/citizens", session).statusCode(), "signed out stays signed out after a restart");
    }
}
