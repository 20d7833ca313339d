package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Users and roles are the admin's: create, disable, enable, new password, assign citizens; nobody else may. */
class UsersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static FleetTestEnvironment env;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
    }

    @Test
    void anAdminManagesAWorkerFromCreationToANewPassword() throws Exception {
        var created = env.http().post("/api/users", "admin", PW, "{\"username\":\"mette.k\",\"displayName\":\"Mette K\","
                + "\"role\":\"staff\",\"team\":\"Team Syd\",\"password\":\"first-password-1\"}");
        assertEquals(201, created.statusCode(), created.body());
        long id = JSON.readTree(created.body()).path("id").asLong();
        assertTrue(!created.body().contains("password"), "no password or hash in the answer: " + created.body());
        assertEquals(200, env.http().get("/api/citizens", "mette.k", "first-password-1").statusCode());

        // Assign a citizen to her: she sees it, and only her own.
        var citizen = env.http().post("/api/citizens", "admin", PW, "{\"displayName\":\"Borger til Mette\",\"postcode\":\"8200\"}");
        long citizenId = JSON.readTree(citizen.body()).path("id").asLong();
        assertEquals(200, env.http().put("/api/citizens/" + citizenId + "/assignee", "admin", PW,
                "{\"username\":\"mette.k\"}").statusCode());
        JsonNode mine = JSON.readTree(env.http().get("/api/citizens", "mette.k", "first-password-1").body());
        assertEquals(1, mine.size(), mine.toString());
        assertEquals(400, env.http().put("/api/citizens/" + citizenId + "/assignee", "admin", PW,
                "{\"username\":\"support\"}").statusCode(), "only a staff account can be a citizen's worker");

        assertEquals(200, env.http().post("/api/users/" + id + "/disable", "admin", PW, "{}").statusCode());
        assertEquals(401, env.http().get("/api/citizens", "mette.k", "first-password-1").statusCode(),
                "a disabled account is refused at once, even with a remembered login");
        assertEquals(200, env.http().post("/api/users/" + id + "/enable", "admin", PW, "{}").statusCode());
        assertEquals(200, env.http().post("/api/users/" + id + "/password", "admin", PW,
                "{\"password\":\"second-password-2\"}").statusCode());
        assertEquals(401, env.http().get("/api/citizens", "mette.k", "first-password-1").statusCode());
        assertEquals(200, env.http().get("/api/citizens", "mette.k", "second-password-2").statusCode());
        assertEquals(1, env.db().fetchCount(env.db().selectFrom("audit_log")
                .where("actor = 'admin' and action = 'user.password-reset' and subject = ?", Long.toString(id))));
        assertTrue(env.db().fetchCount(env.db().selectFrom("audit_log").where("detail::text like '%second-password%'")) == 0,
                "no password in the audit log");
    }

    @Test
    void badInputAndOtherRolesAreRefused() throws Exception {
        assertEquals(409, env.http().post("/api/users", "admin", PW, "{\"username\":\"staff\",\"displayName\":\"Dup\","
                + "\"role\":\"staff\",\"password\":\"long-enough-pw\"}").statusCode());
        assertEquals(400, env.http().post("/api/users", "admin", PW, "{\"username\":\"x y\",\"displayName\":\"Bad\","
                + "\"role\":\"staff\",\"password\":\"long-enough-pw\"}").statusCode());
        assertEquals(400, env.http().post("/api/users", "admin", PW, "{\"username\":\"short.pw\",\"displayName\":\"Bad\","
                + "\"role\":\"staff\",\"password\":\"short\"}").statusCode());
        assertEquals(400, env.http().post("/api/users", "admin", PW, "{\"username\":\"bad.role\",\"displayName\":\"Bad\","
                + "\"role\":\"boss\",\"password\":\"long-enough-pw\"}").statusCode());
        assertEquals(403, env.http().get("/api/users", "support", PW).statusCode(), "support cannot manage users");
        assertEquals(403, env.http().post("/api/users", "support", PW, "{}").statusCode());
        assertEquals(403, env.http().get("/api/users", "staff", PW).statusCode());
        FleetTestEnvironment.await("refusals audited", Duration.ofSeconds(5), () -> env.db().fetchCount(env.db()
                .selectFrom("audit_log").where("actor = 'support' and action = 'access.refused' and subject like '%/api/users'")) >= 2);
    }

    @Test
    void theUsersPageShowsEveryAccountToAnAdminOnly() throws Exception {
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("support", PW);
            browser.get("/users");
            // Refused, and sent to IT support's own start page.
            browser.waitFor(Duration.ofSeconds(5), () -> browser.js("return location.pathname").equals("/devices"));
            browser.signIn("admin", PW);
            browser.get("/users");
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector("#users tr[data-user='support']")).isEmpty());
            browser.screenshot("users");
        }
    }
}
