package dk.bostotte.fleet.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.fleet.config.CallConfig;
import dk.bostotte.protocol.message.IceServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceServersTest {

    private static CallConfig config(List<String> stun, List<String> turn, String secret) {
        return new CallConfig(Duration.ofSeconds(45), Duration.ofSeconds(20), stun, turn, secret, Duration.ofHours(1));
    }

    @Test
    void turnCredentialsFollowTheTurnRestConvention() {
        // Expected password computed independently: base64(HMAC-SHA1("north-turn-secret", "1741950000:K7M3-Q9PH")).
        assertEquals("+wIoz9OMMbht6CW86xqQYseju4M=", IceServers.turnPassword("north-turn-secret", "1741950000:K7M3-Q9PH"));

        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_741_946_400L), ZoneOffset.UTC);
        List<IceServer> servers = new IceServers(config(List.of("stun:turn.example:3478"),
                List.of("turn:turn.example:3478?transport=udp", "turns:turn.example:5349"), "north-turn-secret"), clock)
                .forParticipant("K7M3-Q9PH");
        assertEquals(2, servers.size());
        assertEquals(new IceServer(List.of("stun:turn.example:3478"), null, null), servers.get(0));
        IceServer turn = servers.get(1);
        assertEquals("1741950000:K7M3-Q9PH", turn.username(), "expires one hour (the TTL) from now");
        assertEquals("+wIoz9OMMbht6CW86xqQYseju4M=", turn.credential());
    }

    @Test
    void noServersConfiguredMeansHostCandidatesOnly() {
        assertTrue(new IceServers(config(List.of(), List.of(), ""), Clock.systemUTC()).forParticipant("x").isEmpty());
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(List.of(), List.of("turn:t:3478"), ""))
                .getMessage().contains("call.turn.secret"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(List.of("http://x"), List.of(), ""))
                .getMessage().contains("call.stun.urls"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(List.of(), List.of("stun:x"), "s"))
                .getMessage().contains("call.turn.urls"));
    }
}
