package dk.bostotte.fleet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dk.bostotte.protocol.message.CallSignal.IceTransportPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsGiveAnEmbeddedSingleNodeFleet() throws Exception {
        FleetConfig c = FleetConfig.load(Optional.empty(), Map.of("data.dir", dir.toString()), Map.of());
        assertEquals(8080, c.http().port());
        assertEquals(8883, c.mqtt().port());
        assertTrue(c.database().embedded());
        assertEquals(dir.resolve("pki"), c.pkiDir());
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults() throws Exception {
        Path file = dir.resolve("fleet.properties");
        Files.writeString(file, "http.port=9090\nmqtt.port=9883\ndatabase.url=jdbc:postgresql://db/fleet\n");
        FleetConfig c = FleetConfig.load(Optional.of(file), Map.of(), Map.of("BOSTOTTE_HTTP_PORT", "7070"));
        assertEquals(7070, c.http().port());
        assertEquals(9883, c.mqtt().port());
        assertEquals("jdbc:postgresql://db/fleet", c.database().url());
        assertTrue(!c.database().embedded());
    }

    @Test
    void badValuesNameTheSetting() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> FleetConfig.load(Optional.empty(), Map.of("http.port", "eighty"), Map.of()));
        assertTrue(e.getMessage().contains("http.port"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> FleetConfig.load(Optional.empty(), Map.of(), Map.of("BOSTOTTE_INGEST_BATCH_SIZE", "0")));
        assertTrue(e2.getMessage().contains("ingest.batch.size"), e2.getMessage());
    }

    @Test
    void callAndVerdictSettingsHaveDefaultsAndCanBeChanged() throws Exception {
        FleetConfig d = FleetConfig.load(Optional.empty(), Map.of(), Map.of());
        assertEquals(Duration.ofSeconds(45), d.calls().ringTimeout());
        assertEquals(1.2, d.netq().verdicts().hd().minMbps());
        assertEquals(100.0, d.netq().verdicts().hd().maxRttMs());
        assertEquals(Duration.ofDays(7), d.netq().verdicts().window());
        FleetConfig c = FleetConfig.load(Optional.empty(), Map.of("verdict.video.mbps", "0.8",
                "call.stun.urls", "stun:a.example:3478, stun:b.example:3478"), Map.of("BOSTOTTE_VERDICT_WINDOW_DAYS", "2"));
        assertEquals(0.8, c.netq().verdicts().video().minMbps());
        assertEquals(Duration.ofDays(2), c.netq().verdicts().window());
        assertEquals(List.of("stun:a.example:3478", "stun:b.example:3478"), c.calls().stunUrls());
        var e = assertThrows(IllegalArgumentException.class,
                () -> FleetConfig.load(Optional.empty(), Map.of("verdict.hd.loss.pct", "-1"), Map.of()));
        assertTrue(e.getMessage().contains("verdict.hd.loss.pct"), e.getMessage());
    }

    @Test
    void theIcePolicyDefaultsToAllAndRelayNeedsATurnServer() throws Exception {
        assertEquals(IceTransportPolicy.ALL, FleetConfig.load(Optional.empty(), Map.of(), Map.of()).calls().icePolicy());
        FleetConfig relay = FleetConfig.load(Optional.empty(), Map.of("call.turn.urls", "turn:turn.example:3478",
                "call.turn.secret", "s3cret"), Map.of("BOSTOTTE_CALL_ICE_TRANSPORT_POLICY", "relay"));
        assertEquals(IceTransportPolicy.RELAY, relay.calls().icePolicy());
        var noTurn = assertThrows(IllegalArgumentException.class, () -> FleetConfig.load(Optional.empty(),
                Map.of("call.ice.transport.policy", "relay"), Map.of()));
        assertTrue(noTurn.getMessage().contains("call.ice.transport.policy=relay needs call.turn.urls"), noTurn.getMessage());
        var typo = assertThrows(IllegalArgumentException.class, () -> FleetConfig.load(Optional.empty(),
                Map.of("call.ice.transport.policy", "RELAY-ONLY"), Map.of()));
        assertEquals("setting call.ice.transport.policy=RELAY-ONLY must be all or relay", typo.getMessage());
    }
}
