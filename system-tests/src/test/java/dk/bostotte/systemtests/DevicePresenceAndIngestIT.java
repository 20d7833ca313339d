package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_STATUS;
import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real device agent process against the real server: presence, status and telemetry in PostgreSQL. */
class DevicePresenceAndIngestIT {

    static FleetTestEnvironment env;
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void fleet() {
        env = FleetTestEnvironment.shared();
    }

    private boolean online(EnrolledDevice d) {
        return env.db().select(DEVICE.ONLINE).from(DEVICE).where(DEVICE.ID.eq(d.id().value())).fetchOne(DEVICE.ONLINE);
    }

    @Test
    void enrolledDeviceReportsStatusAndTelemetryIntoPostgres() throws Exception {
        EnrolledDevice d = env.enroll("rpi4", "presence-1");
        try (DeviceProcess p = env.startDevice(d, "--simulate", "--telemetry-interval-s", "1", "--status-interval-s", "10")) {
            p.awaitConnected(Duration.ofSeconds(30));
            FleetTestEnvironment.await("device online in the database", Duration.ofSeconds(10), () -> online(d));
            FleetTestEnvironment.await("status row", Duration.ofSeconds(20),
                    () -> env.db().fetchExists(DEVICE_STATUS, DEVICE_STATUS.DEVICE_ID.eq(d.id().value())));
            FleetTestEnvironment.await("3 telemetry rows", Duration.ofSeconds(30),
                    () -> env.db().fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(d.id().value())) >= 3);
            var row = env.db().selectFrom(TELEMETRY).where(TELEMETRY.DEVICE_ID.eq(d.id().value())).limit(1).fetchOne();
            assertEquals("wifi", row.getLink());
            assertTrue(row.getRttMs() > 0, "simulated RTT is stored");

            var response = env.http().get("/api/devices/" + d.id(), "admin", FleetTestEnvironment.ADMIN_PASSWORD);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode device = json.readTree(response.body());
            assertTrue(device.get("online").asBoolean());
            assertTrue(Instant.parse(device.get("lastSeen").asText()).isAfter(Instant.now().minusSeconds(60)));
            assertTrue(device.get("status").get("camera").asBoolean(), "simulated status says a camera is present");

            var list = json.readTree(env.http().get("/api/devices", "support", FleetTestEnvironment.ADMIN_PASSWORD).body());
            assertTrue(list.isArray());
            boolean listed = false;
            for (JsonNode n : list) {
                listed |= n.get("id").asText().equals(d.id().value()) && n.has("online") && n.has("lastSeen");
            }
            assertTrue(listed, "GET /api/devices lists the device with id, online and lastSeen");

            var points = json.readTree(env.http().get("/api/devices/" + d.id() + "/telemetry?from="
                    + Instant.now().minusSeconds(600) + "&to=" + Instant.now().plusSeconds(5), "admin",
                    FleetTestEnvironment.ADMIN_PASSWORD).body());
            assertTrue(points.size() >= 3, "telemetry API returns the stored samples");
        }
    }

    @Test
    void deviceKilledWithSigkillShowsOfflineWithinOneAndAHalfKeepAlive() {
        EnrolledDevice d = env.enroll("rpi4", "presence-2");
        int keepAlive = 4;
        DeviceProcess p = env.startDevice(d, "--simulate", "--keepalive-s", Integer.toString(keepAlive));
        p.awaitConnected(Duration.ofSeconds(30));
        FleetTestEnvironment.await("device online", Duration.ofSeconds(10), () -> online(d));
        long killedAt = System.nanoTime();
        p.killHard();
        FleetTestEnvironment.await("device offline", Duration.ofMillis(1500L * keepAlive), () -> !online(d));
        long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
        assertTrue(tookMs <= 1500L * keepAlive, "offline after " + tookMs + " ms");
    }

    @Test
    void frozenDeviceIsOfflineAfterMissedKeepAlives() throws Exception {
        // SIGSTOP keeps the TCP connection open but silent, like a pulled network cable: only the
        // broker's keep-alive (1.5 x the interval) can notice.
        EnrolledDevice d = env.enroll("rpi4", "presence-3");
        int keepAlive = 4;
        try (DeviceProcess p = env.startDevice(d, "--simulate", "--keepalive-s", Integer.toString(keepAlive))) {
            p.awaitConnected(Duration.ofSeconds(30));
            FleetTestEnvironment.await("device online", Duration.ofSeconds(10), () -> online(d));
            new ProcessBuilder("kill", "-STOP", Long.toString(p.pid())).start().waitFor();
            long stoppedAt = System.nanoTime();
            try {
                FleetTestEnvironment.await("device offline", Duration.ofMillis(1500L * keepAlive + 2000), () -> !online(d));
                long tookMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                // The last ping went out at most one interval before the freeze, so the broker
                // can only give up at least half an interval after it.
                assertTrue(tookMs >= keepAlive * 500L - 500, "not before the keep-alive ran out (" + tookMs + " ms)");
            } finally {
                new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor();
            }
        }
    }
}
