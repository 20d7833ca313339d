package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Each role, as a person meets it in a real browser: it lands on the page where its work is, its
 * navigation offers only pages it may open, and no page it walks asks the server for what it may
 * not read (so normal use leaves no {@code access.refused} rows in the audit log). An admin adds a
 * citizen and changes the citizen's worker in the console; a box still in stock says what must
 * happen before it can be lent.
 */
class ConsoleRolesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static FleetTestEnvironment env;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
    }

    private static long refusals(String user) {
        return env.db().fetchCount(env.db().selectFrom("audit_log").where("actor = ? and action = 'access.refused'", user));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "staff,   /,        /",
            "support, /devices, /devices /alerts /coverage /audit",
            "admin,   /,        / /devices /alerts /coverage /inventory /users /audit /report",
            "manager, /report,  /report"})
    void eachRoleLandsOnItsStartPageSeesOnlyItsPagesAndAsksForNothingItMayNotRead(String role, String start, String nav)
            throws Exception {
        ConsoleBrowser.require();
        String user = "roles-" + role;
        env.addUser(user, "Rolle " + role, role, "Team Nord");
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn(user, PW);
            assertEquals(start, browser.path(), role + " lands on its own start page");
            browser.screenshot("role-" + role + "-start");

            Set<String> links = new TreeSet<>();
            for (WebElement a : browser.findAll(By.cssSelector("header nav a"))) {
                if (a.isDisplayed()) {
                    links.add(a.getAttribute("href").substring(env.httpUrl().length()));
                }
            }
            assertEquals(new TreeSet<>(List.of(nav.split(" "))), links, "the navigation offers only the pages " + role + " may open");

            // Walk every page it is offered: each opens (no redirect) and loads its data.
            for (String page : links) {
                browser.get(page);
                assertEquals(page, browser.path(), role + " may open " + page);
                Thread.sleep(1500);
                browser.screenshot("role-" + role + "-page" + page.replace('/', '-'));
            }
            // Back on the start page through more than one of its refreshes (every 10 to 15 s).
            browser.get(start);
            Thread.sleep(16_000);
            assertEquals(0, refusals(user), "normal use of the console asks for nothing the role may not read");
        }
    }

    @Test
    void anAdminAddsACitizenAndChangesTheCitizensWorkerInTheConsole() throws Exception {
        ConsoleBrowser.require();
        env.addUser("roles-worker-asta", "Asta Arbejder", "staff", "Team Nord");
        env.addUser("roles-worker-bo", "Bo Bertelsen", "staff", "Team Syd");
        String name = "Nyborger <b>Ærø</b>";
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("admin", PW);
            browser.click(By.id("citizen-new"), Duration.ofSeconds(10));
            WebElement dialog = browser.find(By.id("citizen-new-dialog"));
            // It opens once the workers to choose from have come.
            browser.waitFor(Duration.ofSeconds(10), dialog::isDisplayed);
            dialog.findElement(By.name("displayName")).sendKeys(name);
            dialog.findElement(By.name("postcode")).sendKeys("8000");
            browser.waitFor(Duration.ofSeconds(5), () -> !dialog.findElements(By.cssSelector("option[value='roles-worker-asta']")).isEmpty());
            dialog.findElement(By.cssSelector("option[value='roles-worker-asta']")).click();
            browser.screenshot("citizen-new-dialog");
            browser.click(By.cssSelector("#citizen-new-dialog button[value='save']"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(15), () -> browser.findAll(By.cssSelector("#citizens tbody tr")).stream()
                    .anyMatch(tr -> tr.getText().contains(name)));
            JsonNode created = citizen(name);
            assertEquals("8000", created.path("postcode").asText());
            assertEquals("Asta Arbejder", created.path("assignedWorker").asText(), created.toString());
            assertTrue(browser.findAll(By.cssSelector("#citizens b")).isEmpty(), "a name is shown as text, never as markup");
            long id = created.path("id").asLong();

            browser.click(By.cssSelector("button.assign[data-citizen='" + id + "']"), Duration.ofSeconds(10));
            browser.waitFor(Duration.ofSeconds(10), () -> browser.find(By.id("assign-dialog")).isDisplayed());
            browser.find(By.cssSelector("#assign-dialog option[value='roles-worker-bo']")).click();
            browser.screenshot("citizen-change-worker");
            browser.click(By.cssSelector("#assign-dialog button[value='save']"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(15), () -> "Bo Bertelsen".equals(citizen(name).path("assignedWorker").asText()));
            browser.waitFor(Duration.ofSeconds(15), () -> browser.find(By.cssSelector("#citizens tr[data-citizen='" + id + "']"))
                    .getText().contains("Bo Bertelsen"));
            assertFalse(browser.find(By.id("assign-dialog")).isDisplayed(), "the dialog closed once it was saved");
            browser.screenshot("citizen-worker-changed");
        }
        assertEquals(1, env.db().fetchCount(env.db().selectFrom("audit_log").where("actor = 'admin' and action = 'citizen.create'"
                + " and detail::text like '%roles-worker-asta%'")));
        assertEquals(1, env.db().fetchCount(env.db().selectFrom("audit_log").where("actor = 'admin' and action = 'citizen.assign'"
                + " and detail::text like '%roles-worker-bo%'")));
        JsonNode mine = JSON.readTree(env.http().get("/api/citizens", "roles-worker-bo", PW).body());
        assertEquals(1, mine.size(), "the new worker sees the citizen: " + mine);
    }

    @Test
    void aStaffWorkerSeesNoneOfTheAdminsCitizenTools() throws Exception {
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("staff", PW);
            Thread.sleep(1500);
            assertFalse(browser.find(By.id("citizen-new")).isDisplayed());
            assertTrue(browser.findAll(By.cssSelector("button.assign")).isEmpty());
        }
        assertEquals(403, env.http().post("/api/citizens", "staff", PW, "{\"displayName\":\"Nope\"}").statusCode(),
                "the server refuses it too");
    }

    @Test
    void aBoxInStockSaysItMustBeEnrolledBeforeItCanBeLent() throws Exception {
        ConsoleBrowser.require();
        var stocked = env.http().post("/api/inventory", "admin", PW, "{\"model\":\"rpi4-kiosk\",\"serial\":\"roles-on-the-shelf\"}");
        assertEquals(201, stocked.statusCode(), stocked.body());
        String device = JSON.readTree(stocked.body()).path("id").asText();
        String row = "#inventory tr[data-device='" + device + "']";
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("admin", PW);
            browser.get("/inventory");
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector(row + " .enrol-first")).isEmpty());
            String hint = browser.find(By.cssSelector(row + " .enrol-first")).getText();
            assertTrue(hint.contains("tilmeld enheden først"), hint);
            String lend = String.valueOf(browser.js("return document.getElementById('inventory').dataset.lend"));
            assertTrue(browser.findAll(By.cssSelector(row + " button")).stream().noneMatch(b -> b.getText().equals(lend)),
                    "no lend button on a box that cannot be lent yet");
            browser.screenshot("inventory-in-stock");
        }
    }

    private static JsonNode citizen(String name) {
        try {
            for (JsonNode c : JSON.readTree(env.http().get("/api/citizens", "admin", PW).body())) {
                if (name.equals(c.path("citizen").path("displayName").asText())) {
                    return c.path("citizen");
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no citizen " + name);
    }
}
