package dk.bostotte.fleet.ingest;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.REJECTED_MESSAGE;

import dk.bostotte.fleet.testing.TestDatabase;
import dk.bostotte.protocol.DeviceId;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of the ingest against the server's schema in the tests' shared embedded PostgreSQL
 * ({@link TestDatabase}, emptied before each test); each test gets a fresh journal and writer.
 */
abstract class IngestDatabaseTest {

    static DSLContext dsl;

    @TempDir
    Path journalDir;
    TestIngest ingest;

    @BeforeEach
    void startIngest() throws Exception {
        dsl = TestDatabase.empty();
        ingest = new TestIngest(dsl, journalDir);
    }

    @AfterEach
    void stopIngest() throws Exception {
        ingest.close();
    }

    /** Adds {@code device} to the fleet (in stock), for what refers to it. */
    static void addDevice(DeviceId device) {
        dsl.insertInto(DEVICE).set(DEVICE.ID, device.value()).set(DEVICE.MODEL, "test")
                .set(DEVICE.SERIAL, device.value()).set(DEVICE.LIFECYCLE, "in_stock").execute();
    }

    /** The reasons of the messages from {@code device} kept as rejected, oldest first. */
    static List<String> rejectedReasons(DeviceId device) {
        return dsl.select(REJECTED_MESSAGE.REASON).from(REJECTED_MESSAGE)
                .where(REJECTED_MESSAGE.CLIENT_ID.eq(device.value())).orderBy(REJECTED_MESSAGE.ID).fetch(REJECTED_MESSAGE.REASON);
    }
}
