package dk.bostotte.fleet.ingest;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_CONFIG;
import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.testing.Await;
import dk.bostotte.fleet.testing.TestDatabase;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.ReportedConfig;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private DSLContext dsl;
    private DeviceId device;
    private final FleetMetrics metrics = new FleetMetrics();
    private final List<Long> committed = new CopyOnWriteArrayList<>();
    private BatchWriter writer;

    @BeforeEach
    void setUp() {
        dsl = TestDatabase.empty();
        device = TestDatabase.enrolDevice(new DeviceRegistry(dsl));
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    private BatchWriter writer(int batchSize, Duration maxWait, int capacity) {
        writer = new BatchWriter(dsl, new ObjectMapper(), metrics, batchSize, maxWait, capacity, true, committed::add);
        return writer;
    }

    private WriteOp.Telemetry samples(DeviceId d, long firstSeq, int n) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new WriteOp.Telemetry(d, LongStream.range(firstSeq, firstSeq + n)
                .mapToObj(seq -> new NetworkSample(seq, at, LinkType.WIFI, 20.0, 3.0, 0.0, null, null, -60)).toList(), at);
    }

    private int storedSamples() {
        return dsl.fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(device.value()));
    }

    @Test
    void queuedWritesLandAndTheCommittedJournalRecordAdvancesInOrder() {
        writer(4, Duration.ofMillis(5), 100);
        for (long seq = 1; seq <= 20; seq++) {
            writer.enqueue(samples(device, seq * 10, 3), seq);
        }
        Await.until("journal record 20 committed", WITHIN, () -> committed.contains(20L));
        assertEquals(60, storedSamples());
        for (int i = 1; i < committed.size(); i++) {
            assertTrue(committed.get(i - 1) < committed.get(i), "committed up to goes only forward: " + committed);
        }
        assertTrue(committed.size() <= 20 && committed.size() >= 5, "batches of at most 4 writes: " + committed);
        assertEquals(60.0, metrics.registry().get("bostotte.telemetry.samples.stored").counter().count());
    }

    @Test
    void writesWithoutAJournalRecordLandButAdvanceNothing() throws Exception {
        writer(10, Duration.ofMillis(5), 10);
        writer.enqueueWaiting(new WriteOp.Presence(device, true, Instant.now()));
        Await.until("device online", WITHIN,
                () -> dsl.fetchExists(DEVICE, DEVICE.ID.eq(device.value()).and(DEVICE.ONLINE)));
        assertEquals(List.of(), committed);
    }

    @Test
    void aFullQueueHasNoRoomUntilTheWriterCatchesUp() throws Exception {
        writer(10, Duration.ZERO, 1);
        try (Connection lock = TestDatabase.dataSource().getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE device IN EXCLUSIVE MODE");
            writer.enqueue(samples(device, 1, 1), 1);
            Await.until("the writer waiting on the lock", WITHIN, () -> dsl.fetchCount(dsl.select().from("pg_stat_activity")
                    .where("wait_event_type = 'Lock' and datname = current_database()")) > 0);
            writer.enqueue(samples(device, 2, 1), 2);
            assertFalse(writer.hasRoom(), "one write in the stuck transaction, one queued: capacity 1 is used up");
            assertThrows(IllegalStateException.class, () -> writer.enqueue(samples(device, 3, 1), 3));
            lock.rollback();
        }
        Await.until("both writes committed", WITHIN, () -> committed.contains(2L));
        assertTrue(writer.hasRoom());
        assertEquals(2, storedSamples());
    }

    @Test
    void closeWritesWhatIsQueuedAndTakesNoMore() {
        writer(5, Duration.ofMillis(50), 1000);
        for (long seq = 1; seq <= 200; seq++) {
            writer.enqueue(samples(device, seq, 1), seq);
        }
        writer.close();
        assertEquals(200, storedSamples());
        assertEquals(200L, committed.get(committed.size() - 1));
        assertFalse(writer.hasRoom());
    }

    @Test
    void aFailedBatchIsRetriedUntilItCommitsAndKeepsItsPlaceInTheOrder() throws Exception {
        writer(1, Duration.ZERO, 10);
        // The config report of a device not enrolled yet breaks a foreign key: the batch fails until it is.
        DeviceId late = DeviceId.random(new SecureRandom());
        writer.enqueue(new WriteOp.ConfigReport(late, new ReportedConfig(1, 7, new DeviceSettings(60, 60, "da"), true, null),
                Instant.now()), 1);
        writer.enqueue(samples(device, 1, 1), 2);
        Thread.sleep(300);
        assertEquals(List.of(), committed, "nothing after a failed batch may overtake it");
        dsl.insertInto(DEVICE).set(DEVICE.ID, late.value()).set(DEVICE.MODEL, "rpi4-kiosk").set(DEVICE.SERIAL, "late")
                .set(DEVICE.CERT_FINGERPRINT, "late").execute();
        Await.until("both batches committed", WITHIN, () -> committed.contains(2L));
        assertEquals(List.of(1L, 2L), committed);
        assertEquals(7L, dsl.fetchValue(DEVICE_CONFIG.REPORTED_REVISION, DEVICE_CONFIG.DEVICE_ID.eq(late.value())));
        assertEquals(1, storedSamples());
    }
}
