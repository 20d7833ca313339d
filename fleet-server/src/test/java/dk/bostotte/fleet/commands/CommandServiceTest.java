package dk.bostotte.fleet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.ingest.BatchWriter;
import dk.bostotte.fleet.ingest.WriteOp;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.fleet.testing.Await;
import dk.bostotte.fleet.testing.RecordingBroker;
import dk.bostotte.fleet.testing.TestClock;
import dk.bostotte.fleet.testing.TestDatabase;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.Command;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.CommandResult.Outcome;
import dk.bostotte.protocol.message.CommandType;
import dk.bostotte.protocol.message.DesiredConfig;
import dk.bostotte.protocol.message.ReportedConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands on the real database and presence; the broker is a recording double. The sweep is called by hand. */
class CommandServiceTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final MessageCodec codec = new MessageCodec();
    private final RecordingBroker broker = new RecordingBroker();
    private final TestClock clock = new TestClock();
    private DSLContext dsl;
    private DeviceRegistry registry;
    private DeviceId device;
    private BatchWriter writer;
    private PresenceService presence;
    private AuditLog audit;
    private CommandStore store;
    private CommandService commands;

    @BeforeEach
    void setUp() {
        dsl = TestDatabase.empty();
        registry = new DeviceRegistry(dsl);
        device = TestDatabase.enrolDevice(registry);
        writer = new BatchWriter(dsl, codec.mapper(), new FleetMetrics(), 10, Duration.ofMillis(5), 100, true, seq -> { });
        presence = new PresenceService(writer);
        audit = new AuditLog(dsl, codec.mapper());
        store = new CommandStore(dsl, codec.mapper());
        commands = new CommandService(store, broker, presence, registry, codec, audit, clock);
    }

    @AfterEach
    void tearDown() {
        commands.close();
        writer.close();
    }

    private CommandView issue(String type, Map<String, String> params, Integer expiresInS) {
        return commands.issue(device, new CommandRequest(type, params, expiresInS), "support");
    }

    private List<Command> sentCommands() {
        return broker.on(Channel.COMMAND).stream().map(p -> codec.decode(Command.class, p.payload()).orThrow()).toList();
    }

    private String state(CommandView c) {
        return store.find(UUID.fromString(c.id())).orElseThrow().state();
    }

    /** The device's answer as the ingest stores it, then handed to the service as the ingest does. */
    private void deviceAnswers(CommandView c, Outcome outcome) throws InterruptedException {
        CommandResult result = new CommandResult(1, c.id(), outcome, clock.instant(), null);
        writer.enqueueWaiting(new WriteOp.Result(device, result, clock.instant()));
        String expected = outcome == Outcome.RECEIVED ? "delivered" : outcome == Outcome.DONE ? "done" : "failed";
        Await.until("command " + expected, WITHIN, () -> expected.equals(state(c)));
        commands.resultStored(device, result);
    }

    @Test
    void aCommandForAnOfflineDeviceWaitsAndIsSentWhenItConnects() {
        commands.start(Duration.ofHours(1));
        CommandView c = issue("reboot", null, null);
        commands.sweep();
        assertEquals("queued", c.state());
        assertEquals(List.of(), broker.published, "nothing is sent to an offline device");
        var issued = audit.search("support", "command.issue", device.value(), null, null, null, 10);
        assertEquals(1, issued.size());
        assertTrue(issued.get(0).detail().contains(c.id()), issued.get(0).detail());

        presence.connected(device.value(), clock.instant(), Optional.empty());
        Await.until("the command sent after the connect", WITHIN, () -> !sentCommands().isEmpty());
        Command sent = sentCommands().get(0);
        assertEquals(c.id(), sent.id());
        assertEquals(CommandType.REBOOT, sent.type());
        assertEquals(c.issuedAt().plus(CommandRequest.DEFAULT_EXPIRY), sent.expiresAt());
    }

    @Test
    void anOnlineDeviceGetsItAtOnceAndAgainOnlyUntilItSaysItHasIt() throws Exception {
        presence.connected(device.value(), clock.instant(), Optional.empty());
        CommandView c = issue("collect-logs", Map.of("lines", "500"), null);
        assertEquals(1, sentCommands().size());
        assertEquals(Map.of("lines", "500"), sentCommands().get(0).params());
        commands.sweep();
        assertEquals(1, sentCommands().size(), "not sent again before " + CommandService.RESEND_AFTER);
        clock.advance(CommandService.RESEND_AFTER);
        commands.sweep();
        assertEquals(2, sentCommands().size(), "unconfirmed: sent again, as a publish can be lost with a connection");

        deviceAnswers(c, Outcome.RECEIVED);
        clock.advance(CommandService.RESEND_AFTER.multipliedBy(2));
        commands.sweep();
        assertEquals(2, sentCommands().size(), "the device has it: never sent again");
    }

    @Test
    void aCommandNotFinishedBeforeItsDeadlineExpiresOnTheSweep() {
        CommandView c = issue("run-network-test", null, 60);
        clock.advance(Duration.ofSeconds(59));
        commands.sweep();
        assertEquals("queued", state(c));
        clock.advance(Duration.ofSeconds(1));
        commands.sweep();
        assertEquals("expired", state(c));
        assertEquals("not finished before it expired", store.find(UUID.fromString(c.id())).orElseThrow().detail());
        assertEquals(1, audit.search("system", "command.expire", device.value(), null, null, null, 10).size());

        presence.connected(device.value(), clock.instant(), Optional.empty());
        commands.sweep();
        assertEquals(List.of(), broker.published, "an expired command is never sent");
    }

    @Test
    void aDoneResultIsFinalAndItsEffectRecorded() throws Exception {
        presence.connected(device.value(), clock.instant(), Optional.empty());
        CommandView c = issue("lock", Map.of("message", "Ring IT support"), 3600);
        deviceAnswers(c, Outcome.DONE);
        Await.until("the device recorded as locked", WITHIN, () -> registry.find(device).orElseThrow().locked());

        clock.advance(Duration.ofHours(2));
        commands.sweep();
        assertEquals("done", state(c), "past its expiry a finished command stays done");
        assertEquals(1, sentCommands().size());
        assertEquals(List.of(), audit.search(null, "command.expire", device.value(), null, null, null, 10));
    }

    @Test
    void aConfirmedWipeRevokesTheCertificateAndDisconnects() throws Exception {
        presence.connected(device.value(), clock.instant(), Optional.empty());
        CommandView c = issue("wipe", null, null);
        deviceAnswers(c, Outcome.DONE);
        Await.until("the wiped device disconnected", WITHIN, () -> broker.disconnected.contains(device.value()));
        assertTrue(registry.find(device).orElseThrow().revoked());
        assertTrue(registry.refusalFor(device, "any").orElseThrow().contains("revoked"));
        assertEquals(1, audit.search("system", "device.revoke", device.value(), null, null, null, 10).size());
    }

    private DesiredConfig lastConfig() {
        var configs = broker.on(Channel.CONFIG);
        return codec.decode(DesiredConfig.class, configs.get(configs.size() - 1).payload()).orThrow();
    }

    @Test
    void settingsGoOutAsTheRetainedConfigAndTheCommandEndsWhenTheDeviceReportsIt() {
        CommandView first = issue("set-config", Map.of("language", "en"), null);
        CommandView second = issue("set-config", Map.of("volumePercent", "40"), null);
        assertEquals("delivered", first.state(), "a config is published at once, retained, online or not");
        assertEquals(2, lastConfig().revision());
        assertEquals("en", lastConfig().settings().language(), "each revision is the whole of what the fleet wants");
        assertEquals(40, lastConfig().settings().volumePercent());
        assertEquals(List.of(), sentCommands(), "settings are never sent as a command");

        commands.configReported(device, new ReportedConfig(1, 1, lastConfig().settings(), true, null));
        Await.until("the first set-config done", WITHIN, () -> "done".equals(state(first)));
        assertEquals("delivered", state(second));
        commands.configReported(device, new ReportedConfig(1, 2, lastConfig().settings(), false, "volume locked"));
        Await.until("the second set-config failed", WITHIN, () -> "failed".equals(state(second)));
        assertTrue(store.find(UUID.fromString(second.id())).orElseThrow().detail().contains("volume locked"));
    }
}
