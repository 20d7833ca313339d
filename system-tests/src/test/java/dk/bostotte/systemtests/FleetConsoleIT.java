package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * IT support's fleet list and device page: filters and paging on the server, and in a real
 * headless Chromium a support user finds an offline device through the filter, collects logs from
 * an online simulated device and downloads the bundle, and locks it and sees the lock reported.
 */
class FleetConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static FleetTestEnvironment env;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
    }

    private static JsonNode fleet(String query) throws Exception {
        var r = env.http().get("/api/fleet?" + query, "support", PW);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("id").asText()));
        return out;
    }

    private static void lastSeen(EnrolledDevice d, Duration ago, String version) {
        env.db().update(DEVICE).set(DEVICE.LAST_SEEN, Instant.now().minus(ago).atOffset(ZoneOffset.UTC))
                .set(DEVICE.APP_VERSION, version).where(DEVICE.ID.eq(d.id().value())).execute();
    }

    @Test
    void theFleetListFiltersSortsAndPagesOnTheServer() throws Exception {
        EnrolledDevice away = env.enroll("rpi4-kiosk", "fleet-away-3-days");
        EnrolledDevice recent = env.enroll("rpi4-kiosk", "fleet-offline-1-hour");
        EnrolledDevice poorLine = env.enroll("rpi4-kiosk", "fleet-poor-line");
        EnrolledDevice never = env.enroll("rpi4-kiosk", "fleet-never");
        lastSeen(away, Duration.ofDays(3), "0.9.2");
        lastSeen(recent, Duration.ofHours(1), "0.10.0");
        lastSeen(poorLine, Duration.ofMinutes(1), "0.10.0");
        env.samples(poorLine.id(), 0).add(5, Instant.now().minus(Duration.ofHours(2)), 0.3, 0.2, 80.0, 20.0, 0.5);
        env.server().verdictSnapshot().refresh();

        List<String> offline = ids(fleet("offlineHours=24&size=200"));
        assertTrue(offline.contains(away.id().value()) && offline.contains(never.id().value()), offline.toString());
        assertFalse(offline.contains(recent.id().value()), "offline for one hour is not offline for 24");
        List<String> poor = ids(fleet("verdict=poor&size=200"));
        assertTrue(poor.contains(poorLine.id().value()) && !poor.contains(away.id().value()), poor.toString());
        JsonNode outdated = fleet("outdated=true&size=200");
        assertTrue(ids(outdated).contains(away.id().value()), "0.9.2 is older than the newest version "
                + outdated.path("newestVersion").asText());
        assertFalse(ids(outdated).contains(recent.id().value()), "0.10.0 sorts after 0.9.2, numerically");
        assertTrue(ids(fleet("never=true&size=200")).contains(never.id().value()));
        assertEquals(List.of(away.id().value()), ids(fleet("q=" + away.id().value())));

        JsonNode first = fleet("size=2&sort=id");
        JsonNode second = fleet("size=2&sort=id&page=1");
        assertTrue(first.path("total").asLong() >= 4);
        assertEquals(2, first.path("items").size());
        assertTrue(ids(first).get(1).compareTo(ids(second).get(0)) < 0, "page 2 follows page 1");
        assertEquals(400, env.http().get("/api/fleet?sort=colour", "support", PW).statusCode());
        assertEquals(400, env.http().get("/api/fleet?size=100000", "support", PW).statusCode());
        assertEquals(400, env.http().get("/api/fleet?offlineHours=soon", "support", PW).statusCode());
    }

    @Test
    void staffCannotReachTheFleetAndEveryAttemptIsLogged() throws Exception {
        long before = env.db().fetchCount(env.db().selectFrom("audit_log").where("actor = 'staff' and action = 'access.refused'"));
        assertEquals(403, env.http().get("/api/fleet", "staff", PW).statusCode());
        assertEquals(403, env.http().post("/api/devices/K7M3-Q9PH/commands", "staff", PW, "{\"type\":\"lock\"}").statusCode());
        FleetTestEnvironment.await("the refusals in the audit log", Duration.ofSeconds(5), () -> env.db().fetchCount(
                env.db().selectFrom("audit_log").where("actor = 'staff' and action = 'access.refused'")) >= before + 2);
    }

    @Test
    void aSupportUserFindsAnOfflineDeviceCollectsLogsAndLocksADevice() throws Exception {
        ConsoleBrowser.require();
        EnrolledDevice lost = env.enroll("rpi4-kiosk", "fleet-browser-lost");
        lastSeen(lost, Duration.ofDays(10), "0.10.0");
        EnrolledDevice online = env.enroll("rpi4-kiosk", "fleet-browser-online");
        try (DeviceProcess device = env.startDevice(online, "--simulate");
             ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            device.awaitConnected(Duration.ofSeconds(30));
            browser.signIn("support", PW);

            // The offline filter finds the lost device; the online one is not among them.
            browser.get("/devices");
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector("#devices tbody tr")).isEmpty());
            browser.find(By.cssSelector("select[name=offlineHours] option[value='168']")).click();
            browser.click(By.cssSelector("#fleet-filter button[type=submit]"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(
                    By.cssSelector("#devices tr[data-device='" + lost.id().value() + "']")).isEmpty());
            assertTrue(browser.findAll(By.cssSelector("#devices tr[data-device='" + online.id().value() + "']")).isEmpty());
            browser.screenshot("fleet-offline-filter");

            // The online device's page: collect logs, confirmed in the page's dialog.
            browser.get("/devices/" + online.id().value());
            browser.waitFor(Duration.ofSeconds(10), () -> "yes".equals(browser.find(By.id("device-page")).getAttribute("data-live")));
            assertEquals("online", browser.find(By.id("device-state")).getAttribute("data-state"));
            browser.click(By.cssSelector("button[data-command='collect-logs']"), Duration.ofSeconds(5));
            browser.click(By.id("confirm-ok"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(30), () -> !browser.findAll(
                    By.cssSelector("#device-commands tr[data-type='collect-logs'][data-state='done']")).isEmpty());
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector("a.log-bundle")).isEmpty());
            // Download it as the browser would, with the session, and check it is a zip.
            browser.js("window.__bundle = null; fetch(document.querySelector('a.log-bundle').href).then(r => r.arrayBuffer())"
                    + ".then(b => { const u = new Uint8Array(b); window.__bundle = String.fromCharCode(u[0], u[1]) + ':' + u.length; });");
            browser.waitFor(Duration.ofSeconds(10), () -> browser.js("return window.__bundle") != null);
            String bundle = String.valueOf(browser.js("return window.__bundle"));
            assertTrue(bundle.startsWith("PK:"), "a zip: " + bundle);
            browser.screenshot("device-logs-collected");

            // Lock it with a message; the page shows the lock once the device has confirmed it.
            browser.click(By.cssSelector("button[data-command='lock']"), Duration.ofSeconds(5));
            browser.find(By.id("confirm-input")).sendKeys("Ring til IT-support <b>7011 2233</b>");
            browser.click(By.id("confirm-ok"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(30), () -> "true".equals(browser.find(By.id("device-state")).getAttribute("data-locked")));
            device.awaitLog("locked by IT support", Duration.ofSeconds(5));
            assertTrue(browser.find(By.id("device-state")).getText().contains("låst"), browser.find(By.id("device-state")).getText());
            assertTrue(browser.findAll(By.cssSelector("#device-commands b")).isEmpty(), "markup is shown as text, never run");
            browser.screenshot("device-locked");
        }
    }

    @Test
    void anAdminLendsADeviceToACitizenAndTakesItBack() throws Exception {
        ConsoleBrowser.require();
        EnrolledDevice d = env.enroll("rpi4-kiosk", "loan-browser");
        var created = env.http().post("/api/citizens", "admin", PW,
                "{\"displayName\":\"Låner <i>Hansen</i>\",\"postcode\":\"8000\",\"assignedTo\":\"staff\"}");
        assertEquals(201, created.statusCode(), created.body());
        long citizen = JSON.readTree(created.body()).path("id").asLong();
        assertEquals(403, env.http().get("/api/inventory", "support", PW).statusCode(), "loans are for admins");
        String row = "#inventory tr[data-device='" + d.id().value() + "']";
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("admin", PW);
            browser.get("/inventory");
            browser.click(By.cssSelector(row + " button"), Duration.ofSeconds(10));
            browser.waitFor(Duration.ofSeconds(5), () -> !browser.findAll(
                    By.cssSelector("#lend-citizen option[value='" + citizen + "']")).isEmpty());
            browser.find(By.cssSelector("#lend-citizen option[value='" + citizen + "']")).click();
            browser.js("document.getElementById('lend-expected').value = '2027-06-30';");
            browser.click(By.id("lend-ok"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(10), () -> "loaned".equals(browser.find(By.cssSelector(row)).getAttribute("data-lifecycle")));
            String text = browser.find(By.cssSelector(row)).getText();
            assertTrue(text.contains("Låner <i>Hansen</i>") && text.contains("2027-06-30"), "markup shown as text: " + text);
            browser.screenshot("inventory-loaned");
            JsonNode mine = JSON.readTree(env.http().get("/api/citizens", "admin", PW).body());
            boolean linked = false;
            for (JsonNode c : mine) {
                linked |= c.path("citizen").path("id").asLong() == citizen
                        && d.id().value().equals(c.path("citizen").path("deviceId").asText());
            }
            assertTrue(linked, "the citizen now has the device");

            browser.click(By.cssSelector(row + " button"), Duration.ofSeconds(5));
            browser.click(By.id("confirm-ok"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(10), () -> "returned".equals(browser.find(By.cssSelector(row)).getAttribute("data-lifecycle")));
            browser.screenshot("inventory-returned");

            // Each lend and return once added another submit listener to the stock form: the next box
            // taken into stock was posted three times (the extra posts answered 409 and showed an error).
            browser.js("window.stockPosts = 0; const plain = window.fetch; window.fetch = (url, init) => {"
                    + " if (String(url) === '/api/inventory' && init?.method === 'POST') window.stockPosts++;"
                    + " return plain(url, init); };");
            browser.find(By.cssSelector("#stock-new input[name='model']")).sendKeys("rpi4-kiosk");
            browser.find(By.cssSelector("#stock-new input[name='serial']")).sendKeys("after-lend-and-return");
            browser.click(By.cssSelector("#stock-new button[type='submit']"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(10), () -> browser.findAll(By.cssSelector("#inventory tbody tr")).stream()
                    .anyMatch(tr -> tr.getText().contains("after-lend-and-return")));
            Thread.sleep(1000); // room for a second post, had there been one
            assertEquals(1L, ((Number) browser.js("return window.stockPosts;")).longValue(), "one click, one request");
            assertEquals("", browser.find(By.id("inventory-error")).getText(), "no error shown");
            assertEquals(1, env.db().fetchCount(DEVICE, DEVICE.SERIAL.eq("after-lend-and-return")), "one row");
            browser.screenshot("inventory-stocked-after-return");

            browser.get("/audit?action=device.");
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector("#audit tr[data-action='device.return']")).isEmpty());
            browser.screenshot("audit-log");
        }
        JsonNode loans = JSON.readTree(env.http().get("/api/devices/" + d.id().value() + "/loans", "admin", PW).body());
        assertEquals(1, loans.size());
        assertEquals("2027-06-30", loans.get(0).path("expectedReturn").asText());
        assertFalse(loans.get(0).path("returnedOn").isNull(), loans.toString());
        var again = env.http().post("/api/devices/" + d.id().value() + "/return", "admin", PW, "{}");
        assertEquals(409, again.statusCode(), "not on loan any more: " + again.body());
        assertEquals(400, env.http().post("/api/devices/" + d.id().value() + "/loan", "admin", PW,
                "{\"citizenId\":" + citizen + ",\"startedOn\":\"tomorrow\"}").statusCode());
    }

    @Test
    void aBoxTakenIntoStockBecomesEnrolledWhenItIsEnrolled() throws Exception {
        var stocked = env.http().post("/api/inventory", "admin", PW, "{\"model\":\"rpi4-kiosk\",\"serial\":\"stock-then-enrol\"}");
        assertEquals(201, stocked.statusCode(), stocked.body());
        assertEquals("in_stock", JSON.readTree(stocked.body()).path("lifecycle").asText());
        assertEquals(409, env.http().post("/api/inventory", "admin", PW,
                "{\"model\":\"rpi4-kiosk\",\"serial\":\"stock-then-enrol\"}").statusCode(), "one box, one entry");
        assertEquals(400, env.http().post("/api/inventory", "admin", PW, "{\"model\":\"\",\"serial\":\"x\"}").statusCode());
        assertEquals(403, env.http().post("/api/inventory", "support", PW, "{}").statusCode());

        EnrolledDevice d = env.enroll("rpi4-kiosk", "stock-then-enrol");
        JsonNode enrolled = JSON.readTree(env.http().get("/api/devices/" + d.id().value(), "admin", PW).body());
        assertEquals("enrolled", enrolled.path("lifecycle").asText(), enrolled.toString());
        assertEquals(1, env.db().fetchCount(DEVICE, DEVICE.SERIAL.eq("stock-then-enrol")), "the same device, not a second one");
        try (DeviceProcess device = env.startDevice(d, "--simulate")) {
            device.awaitConnected(Duration.ofSeconds(30));
        }
    }
}
