package dk.bostotte.device.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.DesiredConfig;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.ProtocolMessage;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the device sends with absent (null) fields must come back intact through the shared codec. */
class WireFormatTest {

    private final MessageCodec codec = new MessageCodec();

    private <T extends ProtocolMessage> void roundTrips(Class<T> type, T message) {
        assertEquals(message, codec.decode(type, codec.encode(message)).orThrow());
    }

    @Test
    void messagesWithAbsentFieldsRoundTrip() {
        Instant at = Instant.parse("2025-03-01T10:00:00Z");
        roundTrips(TelemetryBatch.class, TelemetryBatch.of(List.of(
                new NetworkSample(1, at, LinkType.WIFI, null, null, null, null, null, null))));
        roundTrips(DeviceState.class, DeviceState.offline(at, "dev", null));
        roundTrips(CommandResult.class, new CommandResult(1, "c-1", CommandResult.Outcome.RECEIVED, at, null));
    }

    @Test
    void configMayLeaveSettingsOut() {
        byte[] json = "{\"v\":1,\"revision\":3,\"settings\":{\"statusIntervalS\":30}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new DeviceSettings(30, null, null), codec.decode(DesiredConfig.class, json).orThrow().settings());
    }
}
