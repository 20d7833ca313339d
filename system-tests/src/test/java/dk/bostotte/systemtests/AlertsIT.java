package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void badFiltersAndUnknownAlertsAreClearErrors() throws Exception {
        assertEquals(400, env.http().get("/api/alerts?state=burning", "support", PW).statusCode());
        assertEquals(400, env.http().get("/api/alerts?device=not-a-device", "support", PW).statusCode());
        assertEquals(404, env.http().post("/api/alerts/999999999/acknowledge", "support", PW, "{}").statusCode());
        assertEquals(404, env.http().post("/api/alerts/x/acknowledge", "support", PW, "{}").statusCode());
        assertEquals(403, env.http().get("/api/alerts", "staff", PW).statusCode(), "staff do not see the fleet's alerts");
    }
}
