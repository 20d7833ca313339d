package dk.bostotte.device.fleet;

import dk.bostotte.protocol.message.NetworkSample;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward for telemetry. A sample is on disk before {@link #append} returns and leaves
 * only when the broker acknowledged the batch that carried it ({@link #acknowledge}). Bounded: when
 * full the oldest sample is dropped, and the number dropped is kept with the queue. Samples handed
 * out by {@link #takeBatch} stay queued; {@link #rewind} makes them eligible again after a failure.
 * Thread-safe.
 */
public final class TelemetryQueue implements Closeable {

    public static final int DEFAULT_CAPACITY = 50_000;
    public static final String FILE = "telemetry.journal";
    private static final Logger log = LoggerFactory.getLogger(TelemetryQueue.class);

    private final Journal journal;
    private final int capacity;
    private final SampleBuffer buffer = new SampleBuffer();
    private final SeqCounter seq;
    private boolean journalSuspect;
    private boolean closed;

    private TelemetryQueue(Path dataDir, int capacity, LongSupplier millis) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        Files.createDirectories(dataDir);
        this.capacity = capacity;
        this.journal = new Journal(dataDir.resolve(FILE));
        try {
            JournalReplay.replay(journal, buffer);
            while (buffer.size() > capacity) {
                buffer.dropOldest(); // only when the capacity was lowered between runs
            }
            compact();
            this.seq = new SeqCounter(dataDir, buffer.lastSeq() + 1, millis);
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** @param millis the wall clock, to seed sequence numbers when the counter file is missing */
    public static TelemetryQueue open(Path dataDir, int capacity, LongSupplier millis) throws IOException {
        TelemetryQueue q = new TelemetryQueue(dataDir, capacity, millis);
        log.info("telemetry queue in {}: {} samples waiting, {} dropped when full, {} corrupt records skipped",
                dataDir, q.size(), q.dropped(), q.corruptSkipped());
        return q;
    }

    /** A sequence number for a new sample: strictly greater than any this device issued before. */
    public long nextSeq() {
        return seq.next();
    }

    public synchronized void append(NetworkSample s) {
        ensureOpen();
        if (s.seq() <= buffer.lastSeq()) {
            throw new IllegalArgumentException("seq " + s.seq() + " is not after " + buffer.lastSeq());
        }
        NetworkSample evicted = buffer.size() >= capacity ? buffer.oldest() : null;
        List<String> records = new ArrayList<>(2);
        if (evicted != null) {
            records.add(JournalRecord.dropped(evicted.seq()));
        }
        records.add(JournalRecord.sample(s));
        write(records, true);
        if (evicted != null) {
            buffer.dropOldest();
            if (buffer.dropped == 1 || buffer.dropped % 1000 == 0) {
                log.warn("telemetry queue full ({} samples): {} oldest samples dropped so far", capacity, buffer.dropped);
            }
        }
        buffer.add(s);
    }

    /** Up to {@code max} of the oldest samples not already handed out, which count as in flight. */
    public synchronized List<NetworkSample> takeBatch(int max) {
        ensureOpen();
        return buffer.takeBatch(max);
    }

    /** The broker has the batch: remove its samples (those still queued; acknowledging twice is harmless). */
    public synchronized int acknowledge(List<NetworkSample> batch) {
        ensureOpen();
        if (batch.isEmpty()) {
            return 0;
        }
        long first = batch.get(0).seq();
        long last = batch.get(batch.size() - 1).seq();
        int removed = buffer.removeRange(first, last);
        if (removed > 0) {
            // Losing this record would only mean sending the batch again; the server deduplicates.
            write(List.of(JournalRecord.removed(first, last)), false);
        }
        return removed;
    }

    /** Hands every queued sample out again, e.g. after the connection carrying them was lost. */
    public synchronized void rewind() {
        buffer.rewind();
    }

    public synchronized int size() {
        return buffer.size();
    }

    /** Samples not yet handed out. */
    public synchronized int pending() {
        return buffer.pending();
    }

    public synchronized long dropped() {
        return buffer.dropped;
    }

    public synchronized long corruptSkipped() {
        return buffer.corrupt;
    }

    public synchronized List<NetworkSample> snapshot() {
        return buffer.snapshot();
    }

    /** Leaves a compacted journal behind; a crash instead of a close loses nothing either. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            compact();
        } finally {
            journal.close();
        }
    }

    private void write(List<String> records, boolean mustPersist) {
        try {
            if (journalSuspect || journal.appendedSinceRewrite() > 2L * buffer.size() + 10_000) {
                compact();
            }
            journal.append(records);
        } catch (IOException e) {
            // A half-written line would swallow the next one; rewrite the journal before appending again.
            journalSuspect = true;
            if (mustPersist) {
                throw new UncheckedIOException("cannot store telemetry sample", e);
            }
            log.warn("cannot record acknowledgement in telemetry journal: {}", e.toString());
        }
    }

    private void compact() throws IOException {
        Stream<String> records = Stream.concat(Stream.of(JournalRecord.header(buffer.dropped, buffer.corrupt)),
                buffer.snapshot().stream().map(JournalRecord::sample));
        journal.rewrite(records::iterator);
        journalSuspect = false;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("telemetry queue is closed");
        }
    }
}
