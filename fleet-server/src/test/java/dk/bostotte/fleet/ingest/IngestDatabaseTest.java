package dk.bostotte.fleet.ingest;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.REJECTED_MESSAGE;

import dk.bostotte.fleet.config.DatabaseConfig;
import dk.bostotte.fleet.db.Database;
import dk.bostotte.protocol.DeviceId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of the ingest against the server's schema in a PostgreSQL of their own, run embedded as the
 * server runs it without a URL (one per test class); each test gets a fresh journal and writer.
 */
abstract class IngestDatabaseTest {

    @TempDir
    static Path dbDir;
    static Database db;

    @TempDir
    Path journalDir;
    TestIngest ingest;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = Database.open(new DatabaseConfig("", "postgres", ""), dbDir);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void startIngest() throws Exception {
        ingest = new TestIngest(db.dsl(), journalDir);
    }

    @AfterEach
    void stopIngest() throws Exception {
        ingest.close();
    }

    /** Adds {@code device} to the fleet (in stock), for what refers to it. */
    static void addDevice(DeviceId device) {
        db.dsl().insertInto(DEVICE).set(DEVICE.ID, device.value()).set(DEVICE.MODEL, "test")
                .set(DEVICE.SERIAL, device.value()).set(DEVICE.LIFECYCLE, "in_stock").execute();
    }

    /** The reasons of the messages from {@code device} kept as rejected, oldest first. */
    static List<String> rejectedReasons(DeviceId device) {
        return db.dsl().select(REJECTED_MESSAGE.REASON).from(REJECTED_MESSAGE)
                .where(REJECTED_MESSAGE.CLIENT_ID.eq(device.value())).orderBy(REJECTED_MESSAGE.ID).fetch(REJECTED_MESSAGE.REASON);
    }
}
