package dk.bostotte.device.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryQueueTest {

    @TempDir
    Path dir;

    private static final long CLOCK_MS = 1_700_000_000_000L;

    private TelemetryQueue open(int capacity) throws IOException {
        return TelemetryQueue.open(dir, capacity, () -> CLOCK_MS);
    }

    private static NetworkSample sample(long seq) {
        return new NetworkSample(seq, Instant.parse("2025-03-01T10:00:00.123456789Z").plusSeconds(seq),
                seq % 2 == 0 ? LinkType.WIFI : LinkType.CELLULAR, seq % 3 == 0 ? null : 12.5 + seq, null, 0.0,
                null, null, seq % 2 == 0 ? null : -71);
    }

    private static NetworkSample detailedSample(long seq) {
        return new NetworkSample(seq, Instant.parse("2025-03-01T10:00:00Z").plusSeconds(seq), LinkType.CELLULAR, 31.5,
                2.25, 0.0, 4.5, 1.25, -81, 28.0, 40.5, 6_100_000L, null,
                new NetworkSample.Radio(null, "lte", -97.0, -11.0, 8.5)).withSkipped(NetworkSample.Skip.IN_CALL);
    }

    private static List<Long> seqs(List<NetworkSample> samples) {
        return samples.stream().map(NetworkSample::seq).toList();
    }

    private static void appendAll(TelemetryQueue q, long from, long to) {
        for (long s = from; s <= to; s++) {
            q.append(sample(s));
        }
    }

    @Test
    void keepsTheRadioAndSkipDetailAcrossRestarts() throws IOException {
        try (TelemetryQueue q = open(100)) {
            q.append(detailedSample(1));
        }
        try (TelemetryQueue q = open(100)) {
            assertEquals(List.of(detailedSample(1)), q.snapshot());
        }
    }

    @Test
    void readsSamplesAnOlderReleaseLeftQueued() throws IOException {
        // Written by the release before samples grew detail: "S seq at link rtt jitter loss down up signal".
        String legacy = "S 7 2025-03-01T10:00:07Z WIFI 19.5 - 0.0 - - -64";
        Files.write(dir.resolve(TelemetryQueue.FILE), JournalRecord.frame(legacy));
        try (TelemetryQueue q = open(100)) {
            assertEquals(List.of(new NetworkSample(7, Instant.parse("2025-03-01T10:00:07Z"), LinkType.WIFI, 19.5, null,
                    0.0, null, null, -64)), q.snapshot());
            assertEquals(0, q.corruptSkipped());
        }
    }

    @Test
    void handsOutSamplesOldestFirst() throws IOException {
        try (TelemetryQueue q = open(100)) {
            appendAll(q, 1, 5);
            assertEquals(List.of(1L, 2L, 3L), seqs(q.takeBatch(3)));
            assertEquals(List.of(4L, 5L), seqs(q.takeBatch(3)));
            assertEquals(List.of(), q.takeBatch(3));
        }
    }

    @Test
    void whenFullDropsTheOldestAndCountsThemAcrossRestarts() throws IOException {
        try (TelemetryQueue q = open(3)) {
            appendAll(q, 1, 5);
            assertEquals(List.of(3L, 4L, 5L), seqs(q.snapshot()));
            assertEquals(2, q.dropped());
        }
        try (TelemetryQueue q = open(3)) {
            assertEquals(List.of(3L, 4L, 5L), seqs(q.snapshot()));
            assertEquals(2, q.dropped());
            q.append(sample(6));
            assertEquals(3, q.dropped());
        }
    }

    @Test
    void survivesCloseAndReopenWithEveryFieldIntact() throws IOException {
        List<NetworkSample> written = new ArrayList<>();
        try (TelemetryQueue q = open(100)) {
            for (long s = 1; s <= 7; s++) {
                written.add(sample(s));
                q.append(sample(s));
            }
        }
        try (TelemetryQueue q = open(100)) {
            assertEquals(written, q.snapshot());
        }
    }

    @Test
    void whatAppendReturnedFromIsOnDiskEvenWithoutClose() throws IOException {
        TelemetryQueue q = open(100);
        appendAll(q, 1, 4);
        q.acknowledge(q.takeBatch(2));
        // Copy the files as a SIGKILL would leave them: no close, no compaction.
        Path crashed = copyOfDataDir();
        try (TelemetryQueue after = TelemetryQueue.open(crashed, 100, () -> CLOCK_MS)) {
            assertEquals(List.of(3L, 4L), seqs(after.snapshot()));
        }
        q.close();
    }

    @Test
    void skipsAndCountsATornTrailingRecord() throws IOException {
        try (TelemetryQueue q = open(100)) {
            appendAll(q, 1, 3);
        }
        Files.writeString(dir.resolve(TelemetryQueue.FILE), "J {\"seq\":4,\"at\":\"2025-03-01T10:0", StandardOpenOption.APPEND);
        try (TelemetryQueue q = open(100)) {
            assertEquals(List.of(1L, 2L, 3L), seqs(q.snapshot()));
            assertEquals(1, q.corruptSkipped());
            q.append(sample(4));
        }
        try (TelemetryQueue q = open(100)) {
            assertEquals(List.of(1L, 2L, 3L, 4L), seqs(q.snapshot()), "appends after a torn record are readable");
            assertEquals(1, q.corruptSkipped(), "counted once, not again on every start");
        }
    }

    @Test
    void skipsARecordWhoseChecksumDoesNotMatch() throws IOException {
        TelemetryQueue q = open(100);
        appendAll(q, 1, 3);
        Path crashed = copyOfDataDir();
        q.close();
        Path journal = crashed.resolve(TelemetryQueue.FILE);
        String text = Files.readString(journal);
        Files.writeString(journal, text.replace("\"seq\":2,", "\"seq\":9,"), StandardCharsets.UTF_8);
        try (TelemetryQueue after = TelemetryQueue.open(crashed, 100, () -> CLOCK_MS)) {
            assertEquals(List.of(1L, 3L), seqs(after.snapshot()));
            assertEquals(1, after.corruptSkipped());
        }
    }

    @Test
    void survivesBinaryGarbageInTheJournal() throws IOException {
        try (TelemetryQueue q = open(100)) {
            appendAll(q, 1, 2);
        }
        Path journal = dir.resolve(TelemetryQueue.FILE);
        byte[] good = Files.readAllBytes(journal);
        byte[] damaged = new byte[good.length + 6];
        System.arraycopy(good, 0, damaged, 0, good.length);
        System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'S', ' ', '\n'}, 0, damaged, good.length, 6);
        Files.write(journal, damaged);
        try (TelemetryQueue q = open(100)) {
            assertEquals(List.of(1L, 2L), seqs(q.snapshot()));
            assertEquals(1, q.corruptSkipped());
        }
    }

    @Test
    void removesOnlyTheAcknowledgedBatch() throws IOException {
        try (TelemetryQueue q = open(100)) {
            appendAll(q, 1, 6);
            List<NetworkSample> first = q.takeBatch(3);
            List<NetworkSample> second = q.takeBatch(3);
            assertEquals(3, q.acknowledge(second));
            assertEquals(seqs(first), seqs(q.snapshot()));
            assertEquals(0, q.acknowledge(second), "a second acknowledgement changes nothing");
        }
        try (TelemetryQueue q = open(100)) {
            assertEquals(List.of(1L, 2L, 3L), seqs(q.snapshot()));
            assertEquals(List.of(1L, 2L, 3L), seqs(q.takeBatch(10)), "unacknowledged samples are sent again");
        }
    }

    @Test
    void rewindHandsUnacknowledgedSamplesOutAgain() throws IOException {
        try (TelemetryQueue q = open(100)) {
            appendAll(q, 1, 4);
            q.acknowledge(q.takeBatch(2));
            q.takeBatch(2);
            assertEquals(0, q.pending());
            q.rewind();
            assertEquals(List.of(3L, 4L), seqs(q.takeBatch(10)));
        }
    }

    @Test
    void refusesASeqThatIsNotAfterTheLastOne() throws IOException {
        try (TelemetryQueue q = open(100)) {
            q.append(sample(5));
            assertThrows(IllegalArgumentException.class, () -> q.append(sample(5)));
            assertThrows(IllegalArgumentException.class, () -> q.append(sample(4)));
        }
    }

    @Test
    void seqStartsFromTheClockInMicrosecondsWhenThereIsNoCounter() throws IOException {
        try (TelemetryQueue q = open(100)) {
            assertEquals(CLOCK_MS * 1000, q.nextSeq());
            assertEquals(CLOCK_MS * 1000 + 1, q.nextSeq());
        }
    }

    @Test
    void seqKeepsIncreasingAcrossReopen() throws IOException {
        long last;
        try (TelemetryQueue q = open(100)) {
            q.nextSeq();
            last = q.nextSeq();
        }
        try (TelemetryQueue q = open(100)) {
            assertTrue(q.nextSeq() > last);
        }
    }

    @Test
    void seqIsNeverReissuedAfterACrash() throws IOException {
        TelemetryQueue q = open(100);
        long last = 0;
        for (int i = 0; i < 1500; i++) { // crosses a reserved block boundary
            last = q.nextSeq();
        }
        Path crashed = copyOfDataDir();
        q.close();
        try (TelemetryQueue after = TelemetryQueue.open(crashed, 100, () -> CLOCK_MS)) {
            assertTrue(after.nextSeq() > last);
        }
    }

    @Test
    void seqStaysAboveQueuedSamplesWhenTheCounterFileIsDeleted() throws IOException {
        long last;
        try (TelemetryQueue q = open(100)) {
            for (int i = 0; i < 3; i++) {
                q.append(sample(q.nextSeq()));
            }
            last = q.snapshot().get(2).seq();
        }
        Files.delete(dir.resolve(SeqCounter.FILE));
        // The same wall clock as before: only the queued samples keep the numbers apart.
        try (TelemetryQueue q = open(100)) {
            assertTrue(q.nextSeq() > last);
        }
        Files.delete(dir.resolve(SeqCounter.FILE));
        try (TelemetryQueue q = TelemetryQueue.open(dir, 100, () -> CLOCK_MS + 60_000)) {
            assertEquals((CLOCK_MS + 60_000) * 1000, q.nextSeq(), "a later clock restarts from itself");
        }
    }

    @Test
    void secondAgentOnTheSameDataDirIsRefused() throws IOException {
        TelemetryQueue first = open(100);
        try {
            IOException e = assertThrows(IOException.class, () -> open(100));
            assertTrue(e.getMessage().contains("another device agent"), e.getMessage());
        } finally {
            first.close();
        }
        open(100).close(); // and free again once the first has closed
    }

    private Path copyOfDataDir() throws IOException {
        Path copy = Files.createTempDirectory(dir, "crashed");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().endsWith(".lock")) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        return copy;
    }
}
