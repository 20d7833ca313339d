package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.fleet.ingest.IngestJournal;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages acknowledged by a server that died before storing them are stored at its next start. */
class IngestJournalReplayIT {

    @Test
    void acknowledgedButUncommittedMessagesAreStoredAfterARestart() throws Exception {
        FleetTestEnvironment closed;
        try (FleetTestEnvironment env = FleetTestEnvironment.start()) {
            closed = env;
            var d = env.enroll("rpi4", "journal-1");
            env.stopServer();
            // What a crashed server leaves: journal records the database never saw.
            IngestJournal journal = new IngestJournal(env.root().resolve("data/ingest-journal"), 1000);
            MessageCodec codec = new MessageCodec();
            for (int i = 1; i <= 3; i++) {
                byte[] payload = codec.encode(TelemetryBatch.of(List.of(
                        new NetworkSample(i, Instant.now(), LinkType.ETHERNET, 9.0 + i, null, null, null, null, null))));
                journal.append(new DeviceMessage(d.id(), Channel.TELEMETRY, payload, Instant.now()));
            }
            // No close(): the records stay in the journal.
            env.startServer();
            FleetTestEnvironment.await("replayed samples stored", Duration.ofSeconds(20),
                    () -> env.db().fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(d.id().value())) == 3);
            assertEquals(List.of(1L, 2L, 3L), env.db().select(TELEMETRY.SEQ).from(TELEMETRY)
                    .where(TELEMETRY.DEVICE_ID.eq(d.id().value())).orderBy(TELEMETRY.SEQ).fetch(TELEMETRY.SEQ));
        }
        // A closed test fleet leaves its logs, not its database, in /tmp.
        assertFalse(java.nio.file.Files.exists(closed.root().resolve("data")), "the test database is deleted");
        assertTrue(java.nio.file.Files.isDirectory(closed.root().resolve("pki")));
    }
}
