package dk.bostotte.device.fleet;

import dk.bostotte.protocol.message.NetworkSample;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward for telemetry. A sample is on disk before {@link #append} returns and leaves
 * only when the broker acknowledged the batch that carried it ({@link #acknowledge}). Bounded: when
 * full the oldest sample is dropped, and the number dropped is kept with the queue. Samples handed
 * out by {@link #takeBatch} stay queued; {@link #rewind} makes them eligible again after a failure.
 */
public final class TelemetryQueue implements Closeable {

    public static final int DEFAULT_CAPACITY = 50_000;
    public static final String FILE = "telemetry.journal";
    private static final Logger log = LoggerFactory.getLogger(TelemetryQueue.class);

    private final Journal journal;
    private final int capacity;
    private final ArrayDeque<NetworkSample> samples = new ArrayDeque<>();
    private final SeqCounter seq;
    private long lastSeq = -1;
    private long handedOutUpTo = -1;
    private long dropped;
    private long corrupt;
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
            JournalReplay.replay(journal.read(), this);
            while (samples.size() > capacity) {
                // Only when the capacity was lowered between runs.
                samples.pollFirst();
                dropped++;
            }
            compact();
            this.seq = new SeqCounter(dataDir, lastSeq + 1, millis);
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    public static TelemetryQueue open(Path dataDir, int capacity, LongSupplier millis) throws IOException {
        TelemetryQueue q = new TelemetryQueue(dataDir, capacity, millis);
        log.info("telemetry queue in {}: {} samples pending, {} dropped when full, {} corrupt records skipped",
                dataDir, q.size(), q.dropped(), q.corruptSkipped());
        return q;
    }

    /** A sequence number for a new sample: strictly greater than any this device issued before. */
    public long nextSeq() {
        return seq.next();
    }

    public synchronized void append(NetworkSample s) {
        ensureOpen();
        if (s.seq() <= lastSeq) {
            throw new IllegalArgumentException("seq " + s.seq() + " is not after " + lastSeq);
        }
        List<String> records = new ArrayList<>(2);
        NetworkSample evicted = samples.size() >= capacity ? samples.peekFirst() : null;
        if (evicted != null) {
            records.add(JournalRecord.dropped(evicted.seq()));
        }
        records.add(JournalRecord.sample(s));
        write(records, true);
        if (evicted != null) {
            samples.pollFirst();
            dropped++;
            if (dropped == 1 || dropped % 1000 == 0) {
                log.warn("telemetry queue full ({} samples): {} oldest samples dropped so far", capacity, dropped);
            }
        }
        samples.addLast(s);
        lastSeq = s.seq();
    }

    /** Up to {@code max} of the oldest samples not already handed out, which count as in flight. */
    public synchronized List<NetworkSample> takeBatch(int max) {
        ensureOpen();
        List<NetworkSample> batch = new ArrayList<>(Math.min(max, samples.size()));
        for (Iterator<NetworkSample> it = samples.iterator(); it.hasNext() && batch.size() < max; ) {
            NetworkSample s = it.next();
            if (s.seq() > handedOutUpTo) {
                batch.add(s);
            }
        }
        if (!batch.isEmpty()) {
            handedOutUpTo = batch.get(batch.size() - 1).seq();
        }
        return batch;
    }

    /** The broker has the batch: remove its samples (those still queued; acknowledging twice is harmless). */
    public synchronized int acknowledge(List<NetworkSample> batch) {
        ensureOpen();
        if (batch.isEmpty()) {
            return 0;
        }
        long first = batch.get(0).seq();
        long last = batch.get(batch.size() - 1).seq();
        int removed = removeRange(first, last);
        if (removed > 0) {
            // Losing this record would only mean sending the batch again; the server deduplicates.
            write(List.of(JournalRecord.removed(first, last)), false);
        }
        return removed;
    }

    /** Hands every queued sample out again, e.g. after the connection carrying them was lost. */
    public synchronized void rewind() {
        handedOutUpTo = -1;
    }

    public synchronized int size() {
        return samples.size();
    }

    /** Samples not yet handed out. */
    public synchronized int pending() {
        int n = 0;
        for (NetworkSample s : samples) {
            if (s.seq() > handedOutUpTo) {
                n++;
            }
        }
        return n;
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized long corruptSkipped() {
        return corrupt;
    }

    public synchronized List<NetworkSample> snapshot() {
        return List.copyOf(samples);
    }

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

    // --- used by JournalReplay while opening ---

    void replaySample(NetworkSample s) {
        if (s.seq() <= lastSeq) {
            corrupt++;
            return;
        }
        samples.addLast(s);
        lastSeq = s.seq();
    }

    void replayRemoved(long first, long last) {
        removeRange(first, last);
    }

    void replayDropped(long seq) {
        if (removeRange(seq, seq) > 0) {
            dropped++;
        }
    }

    void replayCounters(long dropped, long corrupt) {
        this.dropped = dropped;
        this.corrupt = corrupt;
    }

    void countCorrupt() {
        corrupt++;
    }

    private int removeRange(long first, long last) {
        int before = samples.size();
        NetworkSample head = samples.peekFirst();
        if (head != null && head.seq() >= first) {
            // The usual case: batches are acknowledged in order, from the head.
            while (!samples.isEmpty() && samples.peekFirst().seq() <= last) {
                samples.pollFirst();
            }
        } else {
            samples.removeIf(s -> s.seq() >= first && s.seq() <= last);
        }
        return before - samples.size();
    }

    private void write(List<String> records, boolean mustPersist) {
        try {
            if (journalSuspect || journal.appendedSinceRewrite() > 2L * samples.size() + 10_000) {
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
        List<String> records = new ArrayList<>(samples.size() + 1);
        records.add(JournalRecord.header(dropped, corrupt));
        for (NetworkSample s : samples) {
            records.add(JournalRecord.sample(s));
        }
        journal.rewrite(records);
        journalSuspect = false;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("telemetry queue is closed");
        }
    }
}
