package dk.bostotte.fleet.ingest;

import static dk.bostotte.fleet.db.jooq.Tables.COMMAND;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_CONFIG;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_STATUS;
import static dk.bostotte.fleet.db.jooq.Tables.REJECTED_MESSAGE;
import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.db.jooq.tables.records.DeviceRecord;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.testing.TestDatabase;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.CommandResult.Outcome;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.protocol.message.DeviceStatus;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.ReportedConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestStoreTest {

    private final IngestStore store = new IngestStore(new ObjectMapper());
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private DSLContext dsl;
    private DeviceId device;

    @BeforeEach
    void setUp() {
        dsl = TestDatabase.empty();
        device = TestDatabase.enrolDevice(new DeviceRegistry(dsl));
    }

    private int write(WriteOp... ops) {
        return dsl.transactionResult(tx -> store.write(tx.dsl(), List.of(ops)));
    }

    private DeviceRecord deviceRow() {
        return dsl.fetchSingle(DEVICE, DEVICE.ID.eq(device.value()));
    }

    private static OffsetDateTime odt(Instant i) {
        return IngestStore.odt(i);
    }

    @Test
    void telemetrySamplesLandWithTheirFiguresAndAResentSampleIsStoredOnce() {
        Instant sampled = now.minusSeconds(30);
        NetworkSample full = new NetworkSample(1, sampled, LinkType.CELLULAR, 40.0, 5.0, 0.5, 12.0, 3.0, null, 30.0, 80.0,
                1000L, NetworkSample.Skip.IN_CALL, new NetworkSample.Radio(null, "lte", -95.0, -10.0, 12.0));
        NetworkSample bare = new NetworkSample(2, sampled.plusSeconds(10), LinkType.WIFI, null, null, null, null, null, -55);
        assertEquals(2, write(new WriteOp.Telemetry(device, List.of(full, bare), now)));
        assertEquals(0, write(new WriteOp.Telemetry(device, List.of(full), now.plusSeconds(5))), "resent: a no-op");

        var row = dsl.fetchSingle(TELEMETRY, TELEMETRY.DEVICE_ID.eq(device.value()).and(TELEMETRY.SEQ.eq(1L)));
        assertEquals(odt(sampled), row.getSampledAt());
        assertEquals(odt(now), row.getReceivedAt());
        assertEquals("cellular", row.getLink());
        assertEquals(40f, row.getRttMs());
        assertEquals("in-call", row.getSkipped());
        assertEquals("lte", row.getCellTech());
        assertEquals(-95f, row.getRsrpDbm());
        var second = dsl.fetchSingle(TELEMETRY, TELEMETRY.DEVICE_ID.eq(device.value()).and(TELEMETRY.SEQ.eq(2L)));
        assertNull(second.getRttMs(), "a probe that did not run is null, not zero");
        assertEquals(-55, second.getSignalDbm());
        assertEquals(odt(now.plusSeconds(5)), deviceRow().getLastSeen(), "heard from at the resend");
    }

    private DeviceStatus status(Instant at, String version) {
        return new DeviceStatus(1, at, version, 100, 55.0, false, 2048, 1024, 29_000, 20_000, true, true, false, true);
    }

    @Test
    void theNewestStatusWinsAndAnOlderOneNeverOverwritesIt() {
        write(new WriteOp.Status(device, status(now, "1.2.0"), now),
                new WriteOp.Status(device, status(now.minusSeconds(60), "1.1.0"), now));
        write(new WriteOp.Status(device, status(now.minusSeconds(120), "1.0.0"), now.plusSeconds(1)));

        var row = dsl.fetchSingle(DEVICE_STATUS, DEVICE_STATUS.DEVICE_ID.eq(device.value()));
        assertEquals(odt(now), row.getReportedAt());
        assertEquals("1.2.0", row.getAppVersion());
        assertFalse(row.getSpeaker());
        assertEquals(20_000L, row.getDiskFreeMb());
        assertEquals(odt(now.plusSeconds(1)), deviceRow().getLastSeen());
    }

    @Test
    void stateAndPresenceUpdateTheDeviceRow() {
        write(new WriteOp.Presence(device, true, now));
        assertTrue(deviceRow().getOnline());
        assertEquals(odt(now), deviceRow().getConnectedAt());

        write(new WriteOp.State(device, new DeviceState(1, DeviceState.State.ONLINE, now, "2.0.0", "rpi4-kiosk"),
                now.plusSeconds(1)));
        assertEquals("2.0.0", deviceRow().getAppVersion());
        assertEquals(odt(now.plusSeconds(1)), deviceRow().getLastSeen());

        write(new WriteOp.Presence(device, false, now.plusSeconds(2)));
        assertFalse(deviceRow().getOnline());
        assertEquals(odt(now), deviceRow().getConnectedAt(), "going offline keeps when it connected");
        assertEquals(odt(now.plusSeconds(2)), deviceRow().getLastSeen());
    }

    private UUID queuedCommand(DeviceId d) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(COMMAND).set(COMMAND.ID, id).set(COMMAND.DEVICE_ID, d.value()).set(COMMAND.TYPE, "reboot")
                .set(COMMAND.ISSUED_BY, "support").set(COMMAND.EXPIRES_AT, odt(now.plus(Duration.ofHours(1)))).execute();
        return id;
    }

    private WriteOp.Result result(UUID id, Outcome outcome, String detail) {
        return new WriteOp.Result(device, new CommandResult(1, id.toString(), outcome, now, detail), now);
    }

    private String stateOf(UUID id) {
        return dsl.fetchValue(COMMAND.STATE, COMMAND.ID.eq(id));
    }

    @Test
    void commandResultsMoveTheCommandForwardOnly() {
        UUID id = queuedCommand(device);
        write(result(id, Outcome.RECEIVED, null));
        assertEquals("delivered", stateOf(id));
        write(result(id, Outcome.DONE, "rebooting"));
        assertEquals("done", stateOf(id));
        write(result(id, Outcome.RECEIVED, null));
        assertEquals("done", stateOf(id), "a late 'received' does not undo a final outcome");
        assertEquals("rebooting", dsl.fetchValue(COMMAND.DETAIL, COMMAND.ID.eq(id)));

        UUID failing = queuedCommand(device);
        write(result(failing, Outcome.FAILED, "no camera"));
        assertEquals("failed", stateOf(failing));
    }

    @Test
    void aResultForAnotherDevicesCommandOrNotOursChangesNothing() {
        DeviceId other = TestDatabase.enrolDevice(new DeviceRegistry(dsl));
        UUID theirs = queuedCommand(other);
        write(result(theirs, Outcome.DONE, "forged"),
                new WriteOp.Result(device, new CommandResult(1, "not-a-uuid", Outcome.DONE, now, null), now));
        assertEquals("queued", stateOf(theirs));
    }

    @Test
    void aConfigReportReplacesTheLastOne() {
        write(new WriteOp.ConfigReport(device, new ReportedConfig(1, 3, new DeviceSettings(60, 300, "da"), true, null), now));
        write(new WriteOp.ConfigReport(device, new ReportedConfig(1, 4, new DeviceSettings(30, 300, "en"), false, "no such language"),
                now.plusSeconds(1)));
        var row = dsl.fetchSingle(DEVICE_CONFIG, DEVICE_CONFIG.DEVICE_ID.eq(device.value()));
        assertEquals(4L, row.getReportedRevision());
        assertFalse(row.getReportedApplied());
        assertEquals("no such language", row.getReportedError());
        assertEquals(odt(now.plusSeconds(1)), row.getReportedAt());
        assertEquals("en", dsl.fetchValue("select reported->>'language' from device_config"));
        assertEquals(0L, row.getDesiredRevision(), "what the device reports is not what the fleet wants");
    }

    @Test
    void aRejectionIsKeptTruncatedAndDoesNotCountAsHearingFromTheDevice() {
        byte[] payload = new byte[10_000];
        write(new WriteOp.Rejection(device, "bostotte/v1/devices/" + device + "/status", "invalid", "uptimeS: missing",
                payload, now));
        var row = dsl.fetchSingle(REJECTED_MESSAGE);
        assertEquals(device.value(), row.getClientId());
        assertEquals("invalid", row.getReason());
        assertEquals("uptimeS: missing", row.getDetail());
        assertEquals(4096, row.getPayload().length);
        assertEquals(odt(now), row.getReceivedAt());
        assertNull(deviceRow().getLastSeen());
    }
}
