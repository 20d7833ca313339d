package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The line verdict per device from stored samples, as staff see it before calling and IT support per device. */
class ConnectionVerdictIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FleetTestEnvironment env;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
    }

    private static void samples(EnrolledDevice d, int n, Double down, Double up, Double rtt, Double jitter, Double loss,
                                Duration ago) {
        env.samples(d.id(), 0).add(n, Instant.now().minus(ago), down, up, rtt, jitter, loss);
    }

    private static JsonNode verdict(EnrolledDevice d) throws Exception {
        var r = env.http().get("/api/devices/" + d.id().value() + "/verdict", "support", FleetTestEnvironment.ADMIN_PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void theVerdictFollowsTheMedianOfRecentSamples() throws Exception {
        EnrolledDevice fibre = env.enroll("rpi4-kiosk", "verdict-fibre");
        samples(fibre, 9, 50.0, 20.0, 12.0, 2.0, 0.0, Duration.ofHours(3));
        JsonNode v = verdict(fibre);
        assertEquals("video-hd", v.path("verdict").asText(), v.toString());
        assertEquals(9, v.path("figures").path("samples").asInt());
        assertEquals(12.0, v.path("figures").path("rttMs").asDouble());

        EnrolledDevice weak4g = env.enroll("rpi4-kiosk", "verdict-weak-4g");
        samples(weak4g, 5, 0.3, 0.2, 80.0, 20.0, 0.5, Duration.ofHours(1));
        assertEquals("audio-only", verdict(weak4g).path("verdict").asText());

        EnrolledDevice old = env.enroll("rpi4-kiosk", "verdict-stale");
        samples(old, 5, 50.0, 20.0, 12.0, 2.0, 0.0, Duration.ofDays(30));
        assertEquals("unknown", verdict(old).path("verdict").asText(), "a month-old measurement says nothing now");
    }

    @Test
    void staffSeeTheVerdictOfTheirCitizensLineBeforeCalling() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "verdict-citizen");
        env.addCitizen("Citizen on a mediocre line", "staff", d.id());
        samples(d, 7, 3.0, 0.8, 60.0, 10.0, 0.5, Duration.ofHours(2));
        JsonNode list = JSON.readTree(env.http().get("/api/citizens", "staff", FleetTestEnvironment.ADMIN_PASSWORD).body());
        JsonNode mine = null;
        for (JsonNode c : list) {
            if (d.id().value().equals(c.path("citizen").path("deviceId").asText())) {
                mine = c;
            }
        }
        assertEquals("video", mine.path("line").path("verdict").asText(), String.valueOf(mine));
    }
}
