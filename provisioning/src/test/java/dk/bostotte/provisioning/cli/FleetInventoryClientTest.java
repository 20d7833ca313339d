package dk.bostotte.provisioning.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.protocol.DeviceId;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetInventoryClientTest {

    static final DeviceId ID = DeviceId.random(new java.security.SecureRandom());

    FakeFleetServer server;
    FleetInventoryClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeFleetServer();
        client = new FleetInventoryClient(server.uri(), "admin", "s3cret:pw".toCharArray());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registerPostsTheDeviceAsJsonWithBasicAuth() throws Exception {
        server.respond(201, "{\"id\":\"" + ID + "\",\"model\":\"rpi4\"}");
        DeviceRegistration registration = new DeviceRegistration(ID.value(), "rpi4", "S1", "ab".repeat(32),
                Instant.parse("2036-01-01T00:00:00Z"));

        Map<String, Object> device = client.register(registration);

        assertEquals("rpi4", device.get("model"));
        FakeFleetServer.Request request = server.requests.get(0);
        assertEquals("POST", request.method());
        assertEquals("/api/devices", request.path());
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret:pw".getBytes(StandardCharsets.UTF_8));
        assertEquals(expectedAuth, request.authorization());
        assertTrue(request.contentType().startsWith("application/json"), request.contentType());
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals(ID.value(), body.get("id").asText());
        assertEquals("rpi4", body.get("model").asText());
        assertEquals("S1", body.get("serial").asText());
        assertEquals("ab".repeat(32), body.get("certFingerprint").asText());
        assertEquals("2036-01-01T00:00:00Z", body.get("certNotAfter").asText());
        assertEquals(5, body.size());
    }

    @Test
    void conflictBecomesAnExceptionNamingStatusAndBody() {
        server.respond(409, "{\"error\":\"serial S1 already enrolled\"}");
        DeviceRegistration registration = new DeviceRegistration(ID.value(), "rpi4", "S1", "ab".repeat(32), Instant.now());

        FleetInventoryException e = assertThrows(FleetInventoryException.class, () -> client.register(registration));

        assertEquals(409, e.status());
        assertTrue(e.getMessage().contains("409"), e.getMessage());
        assertTrue(e.getMessage().contains("serial S1 already enrolled"), e.getMessage());
        assertTrue(e.getMessage().contains(server.uri().toString()), e.getMessage());
    }

    @Test
    void unreachableServerGivesAMessageNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        FleetInventoryClient offline = new FleetInventoryClient(nowhere, "admin", "pw".toCharArray());

        FleetInventoryException e = assertThrows(FleetInventoryException.class, offline::list);

        assertEquals(-1, e.status());
        assertTrue(e.getMessage().startsWith("cannot reach fleet server at " + nowhere), e.getMessage());
        assertTrue(e.getMessage().contains("GET /api/devices"), e.getMessage());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void revokePostsToTheDevicesRevokePath() {
        server.respond(200, "{\"id\":\"" + ID + "\",\"revoked\":true}");

        Map<String, Object> device = client.revoke(ID);

        assertEquals(true, device.get("revoked"));
        assertEquals("POST", server.requests.get(0).method());
        assertEquals("/api/devices/" + ID + "/revoke", server.requests.get(0).path());
    }

    @Test
    void unknownDeviceOnRevokeReportsNotFound() {
        server.respond(404, "{\"error\":\"unknown device\"}");

        FleetInventoryException e = assertThrows(FleetInventoryException.class, () -> client.revoke(ID));

        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("unknown device"), e.getMessage());
    }

    @Test
    void listReturnsTheDevicesAsMaps() {
        server.respond(200, "[{\"id\":\"" + ID + "\",\"model\":\"rpi4\",\"serial\":\"S1\",\"online\":true,"
                + "\"lastSeen\":\"2026-01-01T10:00:00Z\",\"revoked\":false}]");

        List<Map<String, Object>> devices = client.list();

        assertEquals(1, devices.size());
        assertEquals(ID.value(), devices.get(0).get("id"));
        assertEquals(true, devices.get(0).get("online"));
        assertEquals("GET", server.requests.get(0).method());
    }

    @Test
    void trailingSlashInTheServerUrlIsHarmless() {
        server.respond(200, "[]");
        FleetInventoryClient slashed = new FleetInventoryClient(URI.create(server.uri() + "/"), "admin", "pw".toCharArray());

        assertEquals(List.of(), slashed.list());
        assertEquals("/api/devices", server.requests.get(0).path());
    }
}
