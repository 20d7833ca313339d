package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * Calls through a real TURN relay: a coturn server on loopback checks the fleet's short-lived
 * TURN REST credentials (user {@code expiry:who}, password base64(HMAC-SHA1(secret, user))), and
 * the fleet's {@code call.ice.transport.policy=relay} makes both the device's webrtcbin and the
 * worker's browser send media only through it. Its own fleet server (the relay policy is
 * server-wide), one device and one browser.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class TurnRelayIT {

    private static final String SECRET = "it-turn-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TurnRelay turn;
    private static FleetTestEnvironment env;
    private static EnrolledDevice citizenDevice;
    private static DeviceProcess device;

    @BeforeAll
    static void start() {
        Requirements.require(TurnRelay.available(), "coturn is not installed (Debian package coturn)");
        turn = TurnRelay.start(SECRET);
        env = FleetTestEnvironment.start(Map.of("call.stun.urls", "stun:127.0.0.1:" + turn.port(),
                "call.turn.urls", turn.url() + "?transport=udp", "call.turn.secret", SECRET, "call.turn.ttl.s", "600",
                "call.ice.transport.policy", "relay"));
        citizenDevice = env.enroll("rpi4-kiosk", "behind-a-firewall");
        env.addCitizen("Citizen behind a firewall", "staff", citizenDevice.id());
        device = env.startDevice(citizenDevice, "--simulate", "--answer-after-s", "1", "--ice-local-address", "127.0.0.1");
        device.awaitConnected(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {device, env, turn}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    @Test
    void a_bothSidesGetTheStunAndTurnServersAndTheRelayPolicyWithCredentialsCoturnAccepts() throws Exception {
        try (CallsIT.ConsoleSocket staff = CallsIT.ConsoleSocket.open(env, "staff")) {
            long idles = idles();
            staff.send("{\"type\":\"call\",\"deviceId\":\"" + citizenDevice.id().value() + "\"}");
            JsonNode offer = staff.next("offer");
            assertEquals("relay", offer.path("iceTransportPolicy").asText(), offer.toString());
            JsonNode servers = offer.path("iceServers");
            assertEquals(2, servers.size(), offer.toString());
            assertEquals("stun:127.0.0.1:" + turn.port(), servers.get(0).path("urls").get(0).asText());
            JsonNode turnServer = servers.get(1);
            assertEquals(turn.url() + "?transport=udp", turnServer.path("urls").get(0).asText());
            String user = turnServer.path("username").asText();
            assertTrue(user.endsWith(":staff"), "the worker's own TURN user: " + user);
            long expiry = Long.parseLong(user.substring(0, user.indexOf(':')));
            long inTen = Instant.now().plusSeconds(600).getEpochSecond();
            assertTrue(Math.abs(expiry - inTen) < 60, "expires in the configured 600 s: " + user);
            assertEquals(hmac(user), turnServer.path("credential").asText(), "the password coturn computes");

            device.awaitLog("call ICE servers: ", Duration.ofSeconds(10));
            String line = device.output().lines().filter(l -> l.contains("call ICE servers: ")).findFirst().orElseThrow();
            assertTrue(line.contains("stun:127.0.0.1:" + turn.port()) && line.contains(turn.url()), line);
            assertTrue(line.contains("relay only"), "the device was told to relay: " + line);
            java.util.regex.Matcher own = java.util.regex.Pattern.compile(" as (\\d+:" + citizenDevice.id().value() + ")")
                    .matcher(line);
            assertTrue(own.find(), "the device's own TURN user: " + line);
            assertFalse(device.output().contains(hmac(own.group(1))), "no TURN password in the device log");
            // The device's offer came after coturn allocated it a relay with its own credential.
            FleetTestEnvironment.await("coturn allocating the device's relay", Duration.ofSeconds(10),
                    () -> !turn.allocationsFor(citizenDevice.id().value()).isEmpty());
            staff.send("{\"type\":\"hangup\",\"callId\":\"" + offer.path("callId").asText() + "\"}");
            device.awaitLog("call: idle", (int) idles + 1, Duration.ofSeconds(10));
        }
    }

    @Test
    void b_aCallFromTheBrowserFlowsBothWaysThroughTheRelayOnly() throws Exception {
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.open(env.httpUrl(), Path.of("target", "screenshots"))) {
            browser.signIn("staff", FleetTestEnvironment.ADMIN_PASSWORD);
            browser.get("/");
            browser.waitFor(Duration.ofSeconds(10), () -> browser.callState().contains("\"socket\":\"open\""));
            browser.click(By.cssSelector("button.call[data-device='" + citizenDevice.id().value() + "']"),
                    Duration.ofSeconds(15));
            browser.waitFor(Duration.ofSeconds(30), () -> "connected".equals(state(browser)));
            browser.waitFor(Duration.ofSeconds(15), () -> number(browser, "framesDecoded") > 30
                    && number(browser, "audioSamplesReceived") > 0);
            // The selected candidate pair: the browser's own relay to the device's relay, nothing direct.
            browser.waitFor(Duration.ofSeconds(10), () -> browser.js("return window.bostotteCall.route") != null);
            assertEquals("relay", browser.js("return window.bostotteCall.route.local"), browser.consoleLog());
            assertEquals("relay", browser.js("return window.bostotteCall.route.remote"), browser.consoleLog());
            assertFalse(turn.allocationsFor("staff").isEmpty(), "coturn accepted the worker's credential:\n" + turn.log());
            device.awaitLog("call: in call with", Duration.ofSeconds(10));
            Thread.sleep(4500); // two device statistics reports
            browser.screenshot("call-through-turn");
            String callId = String.valueOf(browser.js("return window.bostotteCall.callId"));

            long idles = idles();
            browser.click(By.id("call-hangup"), Duration.ofSeconds(2));
            device.awaitLog("call: idle", (int) idles + 1, Duration.ofSeconds(5));

            var response = env.http().get("/api/calls/" + callId, "admin", FleetTestEnvironment.ADMIN_PASSWORD);
            JsonNode call = JSON.readTree(response.body());
            assertEquals("ended", call.path("state").asText(), call.toString());
            JsonNode quality = call.path("quality");
            assertTrue(quality.path("device").path("framesDecoded").asLong() > 0, "the device decoded the worker's video: " + call);
            assertTrue(quality.path("device").path("audioBuffersPlayed").asLong() > 0, "and played the voice: " + call);
            assertTrue(quality.path("browser").path("framesDecoded").asLong() > 30, call.toString());
        }
    }

    private static long idles() {
        return device.output().lines().filter(l -> l.contains("call: idle")).count();
    }

    private static String state(ConsoleBrowser browser) {
        return String.valueOf(browser.js("return window.bostotteCall.state"));
    }

    private static long number(ConsoleBrowser browser, String field) {
        Object v = browser.js("return window.bostotteCall." + field + " || 0");
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static String hmac(String user) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
    }
}
