package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import org.openqa.selenium.By;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coverage per postcode over a fixture whose figures are worked out by hand below: a postcode no
 * other test uses, three devices, samples inside and outside the period.
 */
class CoverageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");

    private static void sample(FleetTestEnvironment env, EnrolledDevice d, long seq, Instant at, String link, double down,
                               double up, double rtt) {
        env.samples(d.id(), seq).link(link).add(at, down, up, rtt, 5.0, 0.0);
    }

    @Test
    void perPostcodeDevicesVerdictsAndThroughputByLinkAsJsonAndCsv() throws Exception {
        FleetTestEnvironment env = FleetTestEnvironment.shared();
        EnrolledDevice fibre = env.enroll("rpi4-kiosk", "coverage-fibre");
        EnrolledDevice modem = env.enroll("rpi4-kiosk", "coverage-4g");
        EnrolledDevice silent = env.enroll("rpi4-kiosk", "coverage-silent");
        double[][] homes = {{56.157, 10.211}, {56.162, 10.190}, {56.150, 10.220}};
        List<EnrolledDevice> all = List.of(fibre, modem, silent);
        for (int i = 0; i < all.size(); i++) {
            EnrolledDevice d = all.get(i);
            String body = "{\"displayName\":\"Coverage " + d.id().value() + "\",\"postcode\":\"9990\",\"deviceId\":\""
                    + d.id().value() + "\",\"latitude\":" + homes[i][0] + ",\"longitude\":" + homes[i][1] + "}";
            assertEquals(201, env.http().post("/api/citizens", "admin", FleetTestEnvironment.ADMIN_PASSWORD, body).statusCode());
        }
        // Fibre over Ethernet: down 40, 50, 60 -> median 50; up 10 each. Good RTT: video-hd.
        sample(env, fibre, 1, FROM.plusSeconds(3600), "ethernet", 40, 10, 10);
        sample(env, fibre, 2, FROM.plusSeconds(7200), "ethernet", 50, 10, 10);
        sample(env, fibre, 3, FROM.plusSeconds(10800), "ethernet", 60, 10, 10);
        // A 4G modem: down 0.4 and 0.6 -> median 0.5; up 0.5 -> video (not HD).
        sample(env, modem, 1, FROM.plusSeconds(3600), "cellular", 0.4, 0.5, 60);
        sample(env, modem, 2, FROM.plusSeconds(7200), "cellular", 0.6, 0.5, 60);
        // Outside the period: must not count.
        sample(env, modem, 3, TO.plusSeconds(3600), "cellular", 90, 90, 5);
        // 'silent' has no samples at all: unknown.

        String period = "?from=" + FROM + "&to=" + TO;
        var r = env.http().get("/api/coverage" + period, "support", FleetTestEnvironment.ADMIN_PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode area = null;
        for (JsonNode a : JSON.readTree(r.body())) {
            if (a.path("postcode").asText().equals("9990")) {
                area = a;
            }
        }
        assertEquals(3, area.path("devices").asInt(), String.valueOf(area));
        assertEquals(1, area.path("verdicts").path("video-hd").asInt());
        assertEquals(1, area.path("verdicts").path("video").asInt());
        assertEquals(1, area.path("verdicts").path("unknown").asInt());
        assertEquals(0, area.path("verdicts").path("insufficient").asInt());
        JsonNode cellular = area.path("links").get(0);
        JsonNode ethernet = area.path("links").get(1);
        assertEquals("cellular", cellular.path("link").asText());
        assertEquals(2, cellular.path("samples").asInt(), "the sample after the period is left out");
        assertEquals(0.5, cellular.path("downMedianMbps").asDouble(), 1e-6);
        // p10 of {0.4, 0.6} interpolates: 0.4 + 0.1 * 0.2 = 0.42.
        assertEquals(0.42, cellular.path("downP10Mbps").asDouble(), 1e-6);
        assertEquals("ethernet", ethernet.path("link").asText());
        assertEquals(50.0, ethernet.path("downMedianMbps").asDouble(), 1e-6);
        // p10 of {40, 50, 60}: 40 + 0.2 * 10 = 42.
        assertEquals(42.0, ethernet.path("downP10Mbps").asDouble(), 1e-6);

        var csv = env.http().get("/api/coverage.csv" + period + "&lang=en", "admin", FleetTestEnvironment.ADMIN_PASSWORD);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> rows = csv.body().lines().filter(l -> l.startsWith("9990,")).toList();
        assertEquals(List.of("9990,3,1,1,0,0,1,cellular,1,2,0.5,0.42,0.5,0.5",
                "9990,3,1,1,0,0,1,ethernet,1,3,50.0,42.0,10.0,10.0"), rows);
        assertEquals(403, env.http().get("/api/coverage", "staff", FleetTestEnvironment.ADMIN_PASSWORD).statusCode(),
                "coverage is for IT support and admins");
        assertEquals(400, env.http().get("/api/coverage?from=yesterday", "admin", FleetTestEnvironment.ADMIN_PASSWORD)
                .statusCode());
        assertEquals(400, env.http().post("/api/citizens", "admin", FleetTestEnvironment.ADMIN_PASSWORD,
                "{\"displayName\":\"Half a position\",\"latitude\":56.1}").statusCode());

        JsonNode points = JSON.readTree(env.http().get("/api/coverage/points" + period, "support",
                FleetTestEnvironment.ADMIN_PASSWORD).body());
        java.util.Map<String, String> verdictOf = new java.util.HashMap<>();
        points.forEach(p -> verdictOf.put(p.path("deviceId").asText(), p.path("verdict").asText()));
        assertEquals("video-hd", verdictOf.get(fibre.id().value()));
        assertEquals("video", verdictOf.get(modem.id().value()));
        assertEquals("unknown", verdictOf.get(silent.id().value()));

        // The console's map, in a real browser, with no tile server reachable: the markers show all the same.
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("support", FleetTestEnvironment.ADMIN_PASSWORD);
            browser.get("/coverage" + period);
            browser.waitFor(java.time.Duration.ofSeconds(15), () -> browser.findAll(By.cssSelector(".verdict-video-hd")).size() >= 1
                    && browser.findAll(By.cssSelector("tr[data-postcode='9990']")).size() == 1);
            assertTrue(browser.findAll(By.cssSelector("path.verdict-video")).size() >= 1);
            assertTrue(browser.findAll(By.cssSelector("path.verdict-unknown")).size() >= 1);
            assertEquals(points.size(), Integer.parseInt(browser.find(By.id("coverage-map")).getAttribute("data-markers")));
            assertTrue(browser.find(By.cssSelector("tr[data-postcode='9990']")).getText().contains("ethernet"));
            // Without tiles the map says so, and each point carries its postcode on a plain background.
            browser.waitFor(java.time.Duration.ofSeconds(15), () -> browser.find(By.id("coverage-no-tiles")).isDisplayed());
            assertTrue(browser.find(By.id("coverage-no-tiles")).getText().startsWith("Kortet kan ikke hentes"),
                    browser.find(By.id("coverage-no-tiles")).getText());
            assertTrue(browser.find(By.id("coverage-map")).getAttribute("class").contains("no-tiles"));
            assertTrue(browser.findAll(By.cssSelector(".leaflet-tooltip.postcode")).stream()
                    .anyMatch(t -> t.getText().equals("9990")), "the points are labelled with their postcodes");
            browser.screenshot("coverage-map-without-tiles");
            assertEquals(3, browser.findAll(By.cssSelector("tr[data-postcode='9990'] .verdict-bar span")).size(),
                    "one bar part per verdict present (video-hd, video, unknown)");

            // A device's history: click its marker, its samples of the period are charted below the map.
            browser.click(By.cssSelector("path.device-" + modem.id().value()), java.time.Duration.ofSeconds(5));
            browser.waitFor(java.time.Duration.ofSeconds(10), () -> "2".equals(
                    browser.find(By.id("device-history-chart")).getAttribute("data-samples"))
                    && browser.findAll(By.cssSelector("#device-history-chart canvas")).size() == 1);
            assertTrue(browser.find(By.cssSelector("#device-history h2")).getText().contains(modem.id().value()));
            browser.screenshot("coverage-device-history");
        }
    }
}
