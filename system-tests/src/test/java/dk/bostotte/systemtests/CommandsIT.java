package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remote commands through the real broker to real device agents: issued over the API, sent at once
 * to an online device or when an offline one connects, acknowledged, finished with an outcome, and
 * expired when not delivered in time. Every command is audited with who issued it.
 */
class CommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static FleetTestEnvironment env;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
    }

    private static JsonNode issue(EnrolledDevice d, String body) throws Exception {
        var r = env.http().post("/api/devices/" + d.id().value() + "/commands", "support", PW, body);
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode command(String id) throws Exception {
        var r = env.http().get("/api/commands/" + id, "support", PW);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode awaitState(String id, String state, Duration timeout) throws Exception {
        FleetTestEnvironment.await("command " + id + " " + state, timeout, () -> {
            try {
                return state.equals(command(id).path("state").asText());
            } catch (Exception e) {
                return false;
            }
        });
        return command(id);
    }

    @Test
    void aNetworkTestOnDemandRunsNowAndReportsWhatItMeasured() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "command-netq");
        try (DeviceProcess device = env.startDevice(d, "--telemetry-interval-s", "3600", "--latency-every-s", "3600",
                "--throughput-every-s", "86400")) {
            device.awaitConnected(Duration.ofSeconds(30));
            JsonNode c = issue(d, "{\"type\":\"run-network-test\"}");
            assertEquals("run-network-test", c.path("type").asText());
            assertEquals("support", c.path("issuedBy").asText());
            JsonNode done = awaitState(c.path("id").asText(), "done", Duration.ofSeconds(60));
            String detail = done.path("detail").asText();
            assertTrue(detail.contains("rtt ") && detail.contains("loss 0.0 %") && detail.contains("down ")
                    && detail.contains("bytes used"), detail);
            assertEquals(1, env.db().fetchCount(env.db().selectFrom("audit_log")
                    .where("actor = 'support' and action = 'command.issue' and subject = ?", d.id().value())));
        }
    }

    @Test
    void aCommandForAnOfflineDeviceWaitsForItAndOneNotDeliveredInTimeExpires() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "command-offline");
        JsonNode waits = issue(d, "{\"type\":\"run-network-test\"}");
        JsonNode lapses = issue(d, "{\"type\":\"run-network-test\",\"expiresInS\":10}");
        assertEquals("queued", waits.path("state").asText());
        JsonNode expired = awaitState(lapses.path("id").asText(), "expired", Duration.ofSeconds(30));
        assertTrue(expired.path("detail").asText().contains("expired"), expired.toString());
        try (DeviceProcess device = env.startDevice(d, "--telemetry-interval-s", "3600", "--latency-every-s", "3600",
                "--throughput-every-s", "86400")) {
            awaitState(waits.path("id").asText(), "done", Duration.ofSeconds(60));
            assertEquals("expired", command(lapses.path("id").asText()).path("state").asText(), "an expired one never runs");
            assertTrue(!device.output().contains(lapses.path("id").asText()), "the expired command was never sent");
        }
    }

    @Test
    void aSetConfigIsNeverSentAsACommandEvenFromAQueuedRowAnOlderServerLeft() throws Exception {
        // An older server stored set-config as queued before publishing its revision; its queue then
        // sent it on the command topic, the device refused it, and the command ended failed.
        EnrolledDevice d = env.enroll("rpi4-kiosk", "command-legacy-set-config");
        String legacy = java.util.UUID.randomUUID().toString();
        env.db().execute("insert into command (id, device_id, type, params, issued_by, expires_at) values (?::uuid, ?, "
                + "'set-config', '{\"language\":\"en\"}'::jsonb, 'support', now() + interval '1 hour')", legacy, d.id().value());
        JsonNode after = issue(d, "{\"type\":\"run-network-test\"}");
        try (DeviceProcess device = env.startDevice(d, "--telemetry-interval-s", "3600", "--latency-every-s", "3600",
                "--throughput-every-s", "86400")) {
            // Queued commands go out oldest first: once the later one is done, the old row had its chance.
            awaitState(after.path("id").asText(), "done", Duration.ofSeconds(60));
            assertTrue(!device.output().contains(legacy), "the queued set-config row was sent as a command:\n" + device.output());
            assertEquals("queued", command(legacy).path("state").asText());
        }
        JsonNode fresh = issue(d, "{\"type\":\"set-config\",\"params\":{\"language\":\"en\"}}");
        assertEquals("delivered", fresh.path("state").asText(), "stored with its revision, never queued: " + fresh);
    }

    @Test
    void settingsGoOutAsTheRetainedConfigAndTheCommandEndsWhenTheDeviceAppliedThem() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "command-set-config");
        try (DeviceProcess device = env.startDevice(d, "--simulate")) {
            device.awaitConnected(Duration.ofSeconds(30));
            JsonNode c = issue(d, "{\"type\":\"set-config\",\"params\":{\"language\":\"en\",\"telemetryIntervalS\":\"30\"}}");
            JsonNode done = awaitState(c.path("id").asText(), "done", Duration.ofSeconds(30));
            assertTrue(done.path("detail").asText().contains("applied config revision 1"), done.toString());
            device.awaitLog("applied config revision 1", Duration.ofSeconds(5));
        }
        // Offline now: the next revision waits, retained by the broker, and is applied on connect.
        JsonNode later = issue(d, "{\"type\":\"set-config\",\"params\":{\"statusIntervalS\":\"120\"}}");
        assertEquals("delivered", later.path("state").asText(), later.toString());
        try (DeviceProcess device = env.startDevice(d, "--simulate")) {
            JsonNode done = awaitState(later.path("id").asText(), "done", Duration.ofSeconds(30));
            assertTrue(done.path("detail").asText().contains("revision 2"), done.toString());
            device.awaitLog("applied config revision 2: DeviceSettings\\[statusIntervalS=120, telemetryIntervalS=30, language=en, volumePercent=80,",
                    Duration.ofSeconds(5));
        }
        String path = "/api/devices/" + d.id().value() + "/commands";
        var unknown = env.http().post(path, "support", PW, "{\"type\":\"set-config\",\"params\":{\"volume\":\"7\"}}");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown setting 'volume'"), unknown.body());
        var outOfRange = env.http().post(path, "support", PW, "{\"type\":\"set-config\",\"params\":{\"statusIntervalS\":\"1\"}}");
        assertEquals(400, outOfRange.statusCode());
        assertTrue(outOfRange.body().contains("statusIntervalS"), outOfRange.body());
    }

    /** Waits until the device as the API shows it has {@code field} = {@code value}. */
    private static void awaitDevice(EnrolledDevice d, String field, boolean value) {
        FleetTestEnvironment.await(d.id().value() + " " + field + " " + value, Duration.ofSeconds(10), () -> {
            try {
                return JSON.readTree(env.http().get("/api/devices/" + d.id().value(), "support", PW).body())
                        .path(field).asBoolean() == value;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aLockedDeviceStaysLockedAcrossARestartUntilUnlocked() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "command-lock");
        try (DeviceProcess device = env.startDevice(d, "--simulate")) {
            device.awaitConnected(Duration.ofSeconds(30));
            JsonNode lock = issue(d, "{\"type\":\"lock\",\"params\":{\"message\":\"Ring til IT-support på 7011 2233\"}}");
            awaitState(lock.path("id").asText(), "done", Duration.ofSeconds(30));
            device.awaitLog("locked by IT support", Duration.ofSeconds(5));
            awaitDevice(d, "locked", true);
        }
        try (DeviceProcess device = env.startDevice(d, "--simulate")) {
            device.awaitLog("is locked by IT support: calls are refused", Duration.ofSeconds(30));
            device.awaitConnected(Duration.ofSeconds(30));
            JsonNode unlock = issue(d, "{\"type\":\"unlock\"}");
            awaitState(unlock.path("id").asText(), "done", Duration.ofSeconds(30));
            awaitDevice(d, "locked", false);
        }
    }

    @Test
    void collectedLogsArriveAsADownloadableBundle() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "command-logs");
        try (DeviceProcess device = env.startDevice(d, "--simulate")) {
            device.awaitConnected(Duration.ofSeconds(30));
            JsonNode c = issue(d, "{\"type\":\"collect-logs\"}");
            JsonNode done = awaitState(c.path("id").asText(), "done", Duration.ofSeconds(30));
            assertTrue(done.path("detail").asText().startsWith("uploaded "), done.toString());
        }
        JsonNode bundles = JSON.readTree(env.http().get("/api/devices/" + d.id().value() + "/log-bundles", "support", PW).body());
        assertEquals(1, bundles.size(), bundles.toString());
        var zip = env.http().send(env.http().request("/api/log-bundles/" + bundles.get(0).path("id").asText(), "support", PW)
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        java.util.Map<String, String> entries = new java.util.HashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertTrue(entries.get("log.txt").contains("connected to ssl://"), "the device's own recent log");
        JsonNode diagnostics = JSON.readTree(entries.get("diagnostics.json"));
        assertEquals(d.id().value(), diagnostics.path("app").path("deviceId").asText(), diagnostics.toString());
        assertTrue(diagnostics.has("telemetryQueue") && diagnostics.has("media"), diagnostics.toString());
        assertTrue(!entries.get("diagnostics.json").contains("PRIVATE KEY"), "no secrets in a bundle");
        assertEquals(1, env.db().fetchCount(env.db().selectFrom("audit_log")
                .where("actor = 'support' and action = 'log-bundle.download' and subject = ?", d.id().value())));
    }

    @Test
    void restartAppEndsTheAppForItsSupervisorToStartAgain() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "command-restart");
        try (DeviceProcess device = env.startDevice(d, "--simulate")) {
            device.awaitConnected(Duration.ofSeconds(30));
            JsonNode c = issue(d, "{\"type\":\"restart-app\"}");
            awaitState(c.path("id").asText(), "done", Duration.ofSeconds(30));
            FleetTestEnvironment.await("the app to end", Duration.ofSeconds(20), () -> !device.isAlive());
            assertEquals(75, device.stop(), "exit status 75 asks systemd (or the launcher) for a fresh start");
        }
    }

    @Test
    void aWipedDeviceLosesItsCredentialsAndItsCertificateIsRevoked() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "command-wipe");
        try (DeviceProcess device = env.startDevice(d, "--simulate")) {
            device.awaitConnected(Duration.ofSeconds(30));
            JsonNode c = issue(d, "{\"type\":\"wipe\"}");
            awaitState(c.path("id").asText(), "done", Duration.ofSeconds(30));
            FleetTestEnvironment.await("the app to end", Duration.ofSeconds(20), () -> !device.isAlive());
            assertTrue(!java.nio.file.Files.exists(d.bundleDir()), "credentials erased: " + d.bundleDir());
            awaitDevice(d, "revoked", true);
        }
    }

    @Test
    void badRequestsAreClearErrors() throws Exception {
        EnrolledDevice d = env.enroll("rpi4-kiosk", "command-bad");
        String path = "/api/devices/" + d.id().value() + "/commands";
        var unknown = env.http().post(path, "support", PW, "{\"type\":\"dance\"}");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown command type 'dance'"), unknown.body());
        assertEquals(400, env.http().post(path, "support", PW, "{}").statusCode());
        assertEquals(400, env.http().post(path, "support", PW, "{\"type\":\"reboot\",\"expiresInS\":1}").statusCode());
        assertEquals(400, env.http().post(path, "support", PW, "not json").statusCode());
        assertEquals(400, env.http().post(path, "support", PW,
                "{\"type\":\"lock\",\"params\":{\"message\":\"" + "9".repeat(201) + "\"}}").statusCode());
        assertEquals(404, env.http().post("/api/devices/AAAA-AAAA/commands", "support", PW, "{\"type\":\"reboot\"}")
                .statusCode(), "a well-formed id of no enrolled device");
        assertEquals(404, env.http().get("/api/commands/not-a-uuid", "support", PW).statusCode());
        assertEquals(404, env.http().get("/api/commands/00000000-0000-0000-0000-000000000000", "support", PW).statusCode());
        assertEquals(403, env.http().post(path, "staff", PW, "{\"type\":\"reboot\"}").statusCode(),
                "staff do not send commands to devices");
    }
}
