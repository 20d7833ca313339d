package dk.bostotte.fleet.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJournalTest {

    @TempDir
    Path dir;

    final DeviceId device = DeviceId.random(new SecureRandom());

    DeviceMessage message(String body) {
        return new DeviceMessage(device, Channel.TELEMETRY, body.getBytes(StandardCharsets.UTF_8),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void messagesNotCommittedBeforeACrashAreReplayedInOrder() throws Exception {
        IngestJournal j = new IngestJournal(dir, 1000);
        long a = j.append(message("a"));
        long b = j.append(message("b"));
        long c = j.append(message("c"));
        j.committed(a);
        // No close(): the process dies here.
        IngestJournal after = new IngestJournal(dir, 1000);
        List<IngestJournal.Entry> replay = after.recovered();
        assertTrue(replay.stream().map(IngestJournal.Entry::seq).toList().containsAll(List.of(b, c)));
        assertEquals("c", new String(replay.get(replay.size() - 1).message().payload(), StandardCharsets.UTF_8));
        assertEquals(device, replay.get(0).message().device());
        assertEquals(Channel.TELEMETRY, replay.get(0).message().channel());
        long d = after.append(message("d"));
        assertTrue(d > c, "sequence numbers keep growing across restarts");
    }

    @Test
    void aCleanStopWithEverythingCommittedLeavesNothingToReplay() throws Exception {
        IngestJournal j = new IngestJournal(dir, 1000);
        long last = 0;
        for (int i = 0; i < 10; i++) {
            last = j.append(message("m" + i));
        }
        j.committed(last);
        j.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "committed segments are deleted");
        }
        assertEquals(List.of(), new IngestJournal(dir, 1000).recovered());
    }

    @Test
    void aTornRecordAtTheEndIsIgnoredAndTheRestReplayed() throws Exception {
        IngestJournal j = new IngestJournal(dir, 1000);
        j.append(message("whole"));
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.findFirst().orElseThrow();
        }
        Files.write(segment, new byte[] {0, 0, 1, 0, 42, 42}, StandardOpenOption.APPEND); // half a header
        List<IngestJournal.Entry> replay = new IngestJournal(dir, 1000).recovered();
        assertEquals(1, replay.size());
        assertArrayEquals("whole".getBytes(StandardCharsets.UTF_8), replay.get(0).message().payload());
    }
}
