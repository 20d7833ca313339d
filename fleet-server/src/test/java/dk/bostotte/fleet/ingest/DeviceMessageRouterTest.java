package dk.bostotte.fleet.ingest;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_CONFIG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.fleet.broker.IngestOutcome;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.DeviceCallSignal;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.ProtocolMessage;
import dk.bostotte.protocol.message.ReportedConfig;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceMessageRouterTest extends IngestDatabaseTest {

    DeviceMessageRouter router;
    /** What each receiver was handed, as "receiver: device message". */
    final List<String> received = new ArrayList<>();

    @BeforeEach
    void startRouter() {
        router = new DeviceMessageRouter(ingest.service, ingest.metrics, ingest.codec, new DeviceMessageRouter.Receivers(
                (d, s) -> heard("call", d, s), (d, r) -> heard("result", d, r), (d, c) -> heard("config", d, c),
                (client, at, from) -> received.add("connected: " + client + " " + from.orElseThrow().getHostAddress()),
                (client, at, reason) -> received.add("disconnected: " + client + " " + reason)));
    }

    private void heard(String receiver, DeviceId device, ProtocolMessage message) {
        received.add(receiver + ": " + device.value() + " " + message);
    }

    final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aCallSignalGoesToCallsAtOnceAndIsNotStored() {
        DeviceCallSignal signal = DeviceCallSignal.of("call-1", DeviceCallSignal.Type.ACCEPT, at);

        IngestOutcome outcome = router.onDeviceMessage(ingest.message(Channel.CALL_DEVICE, signal));

        assertEquals(IngestOutcome.ACCEPTED, outcome);
        assertEquals(List.of("call: " + ingest.device.value() + " " + signal), received);
        assertEquals(1, ingest.counted("bostotte.mqtt.messages.in", "channel", Channel.CALL_DEVICE.suffix()));
        ingest.drain();
        assertEquals(List.of(), rejectedReasons(ingest.device));
    }

    @Test
    void aMalformedCallSignalIsKeptWithTheRejectedMessagesAndNotRelayed() {
        IngestOutcome outcome = router.onDeviceMessage(ingest.message(Channel.CALL_DEVICE, "{\"v\":1,\"type\":\"accept\"}"));

        assertEquals(IngestOutcome.Kind.INVALID, outcome.kind());
        assertEquals(List.of(), received);
        ingest.drain();
        assertEquals(1, rejectedReasons(ingest.device).size());
    }

    @Test
    void aCommandResultIsStoredThenHandedToCommandsExactlyOnce() {
        CommandResult result = new CommandResult(ProtocolMessage.VERSION, "cmd-1", CommandResult.Outcome.DONE, at, null);

        IngestOutcome outcome = router.onDeviceMessage(ingest.message(Channel.COMMAND_RESULT, result));

        assertEquals(IngestOutcome.accepted(result), outcome);
        assertEquals(List.of("result: " + ingest.device.value() + " " + result), received);
    }

    @Test
    void aReportedConfigIsStoredThenHandedToCommands() {
        addDevice(ingest.device);
        ReportedConfig config = new ReportedConfig(ProtocolMessage.VERSION, 3, new DeviceSettings(60, null, null), true, null);

        IngestOutcome outcome = router.onDeviceMessage(ingest.message(Channel.CONFIG_REPORTED, config));

        assertEquals(IngestOutcome.accepted(config), outcome);
        assertEquals(List.of("config: " + ingest.device.value() + " " + config), received);
        ingest.drain();
        assertEquals(3L, dsl.select(DEVICE_CONFIG.REPORTED_REVISION).from(DEVICE_CONFIG)
                .where(DEVICE_CONFIG.DEVICE_ID.eq(ingest.device.value())).fetchOne(DEVICE_CONFIG.REPORTED_REVISION));
    }

    @Test
    void anInvalidPayloadIsAnsweredInvalidAndReachesNoOne() {
        IngestOutcome outcome = router.onDeviceMessage(ingest.message(Channel.COMMAND_RESULT, "{\"v\":1,\"id\":\"cmd-1\"}"));

        assertEquals(IngestOutcome.Kind.INVALID, outcome.kind());
        assertEquals(List.of(), received);
        ingest.drain();
        assertEquals(1, rejectedReasons(ingest.device).size());
    }

    @Test
    void aBusyIngestHandsNothingOn() {
        ingest.drain();
        CommandResult result = new CommandResult(ProtocolMessage.VERSION, "cmd-1", CommandResult.Outcome.DONE, at, null);

        assertEquals(IngestOutcome.Kind.BUSY, router.onDeviceMessage(ingest.message(Channel.COMMAND_RESULT, result)).kind());
        assertEquals(List.of(), received);
    }

    @Test
    void connectionsGoToPresenceAndRefusalsToTheMetrics() throws Exception {
        router.onConnected("dev-1", at, Optional.of(InetAddress.getByName("192.0.2.7")));
        router.onDisconnected("dev-1", at, "keep-alive timeout");
        router.onRefused("dev-2", "publish", "not its topic");

        assertEquals(List.of("connected: dev-1 192.0.2.7", "disconnected: dev-1 keep-alive timeout"), received);
        assertEquals(1, ingest.counted("bostotte.mqtt.access.refused", "what", "publish"));
    }
}
