package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A fleet configured with STUN and TURN hands both sides of a call their ICE servers, TURN with
 * short-lived credentials in the TURN REST form coturn's {@code use-auth-secret} checks: user
 * {@code expiry:who}, password base64(HMAC-SHA1(secret, user)). Nothing listens on those
 * addresses here, so the call itself is not placed through a relay (no TURN server on this machine).
 */
class IceServersIT {

    private static final String SECRET = "it-turn-secret";

    @Test
    void bothSidesOfACallGetTheStunAndTurnServersWithCredentialsCoturnAccepts() throws Exception {
        try (FleetTestEnvironment env = FleetTestEnvironment.start(Map.of("call.stun.urls", "stun:127.0.0.1:3478",
                "call.turn.urls", "turn:127.0.0.1:3478?transport=udp", "call.turn.secret", SECRET, "call.turn.ttl.s", "600"))) {
            EnrolledDevice d = env.enroll("rpi4-kiosk", "ice-servers");
            env.addCitizen("Citizen behind a firewall", "staff", d.id());
            try (DeviceProcess device = env.startDevice(d, "--simulate", "--answer-after-s", "1",
                    "--ice-local-address", "127.0.0.1");
                 CallsIT.ConsoleSocket staff = CallsIT.ConsoleSocket.open(env, "staff")) {
                device.awaitLog("connected to ssl://", Duration.ofSeconds(30));
                staff.send("{\"type\":\"call\",\"deviceId\":\"" + d.id().value() + "\"}");
                JsonNode offer = staff.next("offer");
                JsonNode servers = offer.path("iceServers");
                assertEquals(2, servers.size(), offer.toString());
                assertEquals("stun:127.0.0.1:3478", servers.get(0).path("urls").get(0).asText());
                JsonNode turn = servers.get(1);
                assertEquals("turn:127.0.0.1:3478?transport=udp", turn.path("urls").get(0).asText());
                String user = turn.path("username").asText();
                assertTrue(user.endsWith(":staff"), "the worker's own TURN user: " + user);
                long expiry = Long.parseLong(user.substring(0, user.indexOf(':')));
                long inTen = Instant.now().plusSeconds(600).getEpochSecond();
                assertTrue(Math.abs(expiry - inTen) < 60, "expires in the configured 600 s: " + user);
                assertEquals(hmac(user), turn.path("credential").asText(), "the password coturn computes");

                device.awaitLog("call ICE servers: ", Duration.ofSeconds(10));
                String line = device.output().lines().filter(l -> l.contains("call ICE servers: ")).findFirst().orElseThrow();
                assertTrue(line.contains("stun:127.0.0.1:3478") && line.contains("turn:127.0.0.1:3478"), line);
                java.util.regex.Matcher own = java.util.regex.Pattern.compile(" as (\\d+:" + d.id().value() + ")").matcher(line);
                assertTrue(own.find(), "the device's own TURN user: " + line);
                assertTrue(!device.output().contains(hmac(own.group(1))), "no TURN password in the device log");
                staff.send("{\"type\":\"hangup\",\"callId\":\"" + offer.path("callId").asText() + "\"}");
                device.awaitLog("call: idle", Duration.ofSeconds(10));
            }
        }
    }

    private static String hmac(String user) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
    }
}
