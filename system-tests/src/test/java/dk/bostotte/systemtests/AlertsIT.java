package dk.bostotte.systemtests;

import dk.bostotte.systemtests.browser.ConsoleBrowser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dk.bostotte.fleet.db.jooq.Tables.CALL;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_STATUS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IT support is alerted when a device's line gets worse than it usually is and stays so: pending
 * first, raised once it lasts (the test environment raises at the next check), cleared when the
 * line recovers, acknowledged by a named person.
 */
class AlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static FleetTestEnvironment env;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
    }

    private static JsonNode alertsOf(EnrolledDevice d, String query) throws Exception {
        var r = env.http().get("/api/alerts?device=" + d.id().value() + query, "support", PW);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void aLineThatDropsFromVideoToAudioIsRaisedClearedAndAcknowledged() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "alert-drop");
        EnrolledDevice steady = env.enroll("rpi4-kiosk", "alert-steady");
        Instant now = Instant.now();
        // A week of a good line (HD video) for both, with throughput tests.
        StoredSamples dropping = env.samples(d.id(), 0).add(20, now.minus(Duration.ofDays(3)), 30.0, 10.0, 20.0, 3.0, 0.0);
        env.samples(steady.id(), 0).add(20, now.minus(Duration.ofDays(3)), 30.0, 10.0, 20.0, 3.0, 0.0)
                .add(5, now.minus(Duration.ofMinutes(10)), null, null, 22.0, 3.0, 0.0);
        // The last few minutes: long delays and loss, latency probes only.
        dropping.add(5, now.minus(Duration.ofMinutes(10)), null, null, 450.0, 60.0, 4.0);

        env.server().alerts().check();
        assertEquals(0, alertsOf(d, "").size(), "a fresh condition is only pending: a brief dip pages nobody");
        env.server().alerts().check();
        JsonNode raised = alertsOf(d, "&state=open");
        assertEquals(1, raised.size(), raised.toString());
        JsonNode alert = raised.get(0);
        assertEquals("verdict-drop", alert.path("kind").asText());
        assertTrue(alert.path("detail").asText().contains("video-hd -> "), alert.toString());
        assertEquals(0, alertsOf(steady, "").size(), "a steady line raises nothing");

        // Recovered: the recent median is good again.
        dropping.add(11, now.minus(Duration.ofMinutes(5)), null, null, 20.0, 3.0, 0.0);
        env.server().alerts().check();
        JsonNode cleared = alertsOf(d, "&state=cleared");
        assertEquals(1, cleared.size(), cleared.toString());
        assertTrue(cleared.get(0).hasNonNull("clearedAt"));
        assertEquals(1, alertsOf(d, "&unacknowledged=true").size(), "cleared, but nobody has looked at it yet");

        long id = alert.path("id").asLong();
        var ack = env.http().post("/api/alerts/" + id + "/acknowledge", "support", PW, "{}");
        assertEquals(200, ack.statusCode(), ack.body());
        assertEquals("support", JSON.readTree(ack.body()).path("acknowledgedBy").asText());
        assertEquals(0, alertsOf(d, "&unacknowledged=true").size());
        var again = env.http().post("/api/alerts/" + id + "/acknowledge", "support", PW, "{}");
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("already acknowledged by support"), again.body());
    }

    private static java.util.Set<String> openKinds(EnrolledDevice d) throws Exception {
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        alertsOf(d, "&state=open").forEach(a -> kinds.add(a.path("kind").asText()));
        return kinds;
    }

    private static void status(EnrolledDevice d, float cpu, boolean throttled, long diskFree) {
        var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        env.db().insertInto(DEVICE_STATUS).set(DEVICE_STATUS.DEVICE_ID, d.id().value()).set(DEVICE_STATUS.REPORTED_AT, now)
                .set(DEVICE_STATUS.APP_VERSION, "0.1.0").set(DEVICE_STATUS.UPTIME_S, 100L).set(DEVICE_STATUS.CPU_TEMP_C, cpu)
                .set(DEVICE_STATUS.THROTTLED, throttled).set(DEVICE_STATUS.MEM_TOTAL_MB, 2048L)
                .set(DEVICE_STATUS.MEM_AVAILABLE_MB, 1024L).set(DEVICE_STATUS.DISK_TOTAL_MB, 29_000L)
                .set(DEVICE_STATUS.DISK_FREE_MB, diskFree).set(DEVICE_STATUS.CAMERA, true).set(DEVICE_STATUS.MICROPHONE, true)
                .set(DEVICE_STATUS.SPEAKER, true).set(DEVICE_STATUS.SCREEN, true).execute();
    }

    private static void failedCall(EnrolledDevice d, String reason) {
        env.db().insertInto(CALL).set(CALL.ID, java.util.UUID.randomUUID()).set(CALL.DEVICE_ID, d.id().value())
                .set(CALL.DIRECTION, "to-device").set(CALL.STATE, "failed").set(CALL.REASON, reason)
                .set(CALL.CREATED_AT, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(1)).execute();
    }

    @Test
    void faultsAreFoundBeforeTheCitizenCalls() throws Exception {
        EnrolledDevice away = env.enroll("rpi4-kiosk", "alert-offline");
        EnrolledDevice holiday = env.enroll("rpi4-kiosk", "alert-offline-planned");
        EnrolledDevice sick = env.enroll("rpi4-kiosk", "alert-hot-full-failing");
        EnrolledDevice fine = env.enroll("rpi4-kiosk", "alert-fine");
        var twoDaysAgo = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(2);
        for (EnrolledDevice d : java.util.List.of(away, holiday)) {
            env.db().update(DEVICE).set(DEVICE.LAST_SEEN, twoDaysAgo).where(DEVICE.ID.eq(d.id().value())).execute();
        }
        var planned = env.http().put("/api/devices/" + holiday.id().value() + "/planned-outage", "support", PW,
                "{\"until\":\"" + Instant.now().plus(Duration.ofDays(14)) + "\"}");
        assertEquals(200, planned.statusCode(), planned.body());
        status(sick, 86f, true, 120);
        status(fine, 52f, false, 20_000);
        failedCall(sick, "ICE did not connect within 20 s");
        failedCall(sick, "ICE did not connect within 20 s");

        env.server().alerts().check();
        env.server().alerts().check();
        assertEquals(java.util.Set.of("offline"), openKinds(away));
        assertEquals(java.util.Set.of(), openKinds(holiday), "a planned outage does not alert");
        assertEquals(java.util.Set.of("disk-full", "failed-calls", "overheating"), openKinds(sick));
        assertEquals(java.util.Set.of(), openKinds(fine));
        assertEquals(400, env.http().put("/api/devices/" + holiday.id().value() + "/planned-outage", "support", PW,
                "{\"until\":\"next week\"}").statusCode());

        // IT support's alerts page lists what is open, and acknowledges in place.
        ConsoleBrowser.require();
        try (var browser = dk.bostotte.systemtests.browser.ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("support", PW);
            browser.get("/alerts?state=open&unacknowledged=true");
            String row = "#alerts tr[data-kind='offline'] a[href='/devices/" + away.id().value() + "']";
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(org.openqa.selenium.By.cssSelector(row)).isEmpty());
            browser.screenshot("alerts");
            long id = alertsOf(away, "&state=open").get(0).path("id").asLong();
            browser.click(org.openqa.selenium.By.cssSelector("#alerts tr[data-alert='" + id + "'] button"), Duration.ofSeconds(5));
            FleetTestEnvironment.await("acknowledged from the page", Duration.ofSeconds(10), () -> {
                try {
                    return "support".equals(alertsOf(away, "&state=open").get(0).path("acknowledgedBy").asText());
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @Test
    void badFiltersAndUnknownAlertsAreClearErrors() throws Exception {
        assertEquals(400, env.http().get("/api/alerts?state=burning", "support", PW).statusCode());
        assertEquals(400, env.http().get("/api/alerts?device=not-a-device", "support", PW).statusCode());
        assertEquals(404, env.http().post("/api/alerts/999999999/acknowledge", "support", PW, "{}").statusCode());
        assertEquals(404, env.http().post("/api/alerts/x/acknowledge", "support", PW, "{}").statusCode());
        assertEquals(403, env.http().get("/api/alerts", "staff", PW).statusCode(), "staff do not see the fleet's alerts");
    }
}
