package dk.bostotte.fleet.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.metrics.FleetMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns many small writes into few transactions. One thread takes whatever is queued (up to the
 * batch size, waiting at most {@code maxWait} for more) and writes it in one transaction. A batch
 * that fails is retried, with a growing pause, until it commits: what is queued here was already
 * acknowledged to a device. Order is kept, so a device's "offline" never overtakes its last message.
 */
public final class BatchWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
    private static final long NO_JOURNAL_RECORD = -1;

    private record Pending(WriteOp op, long journalSeq) {
    }

    private final DSLContext dsl;
    private final IngestStore store;
    private final FleetMetrics metrics;
    private final int batchSize;
    private final Duration maxWait;
    private final boolean synchronousCommit;
    private final BlockingQueue<Pending> queue;
    private final LongConsumer committedUpTo;
    private final Thread thread;
    private volatile boolean running = true;

    public BatchWriter(DSLContext dsl, ObjectMapper json, FleetMetrics metrics,
                       int batchSize, Duration maxWait, int capacity, boolean synchronousCommit, LongConsumer committedUpTo) {
        this.dsl = dsl;
        this.store = new IngestStore(json);
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.maxWait = maxWait;
        this.synchronousCommit = synchronousCommit;
        this.committedUpTo = committedUpTo;
        this.queue = new ArrayBlockingQueue<>(capacity);
        metrics.gauge("bostotte.ingest.queue.depth", "Writes waiting for the database", queue::size);
        this.thread = new Thread(this::run, "ingest-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** True when a write can be queued now without waiting. Only the writer takes from the queue. */
    public boolean hasRoom() {
        return running && queue.remainingCapacity() > 0;
    }

    /** Queues a journaled write; call only after {@link #hasRoom()} said yes, under the same lock. */
    public void enqueue(WriteOp op, long journalSeq) {
        if (!queue.offer(new Pending(op, journalSeq))) {
            throw new IllegalStateException("ingest queue full; check hasRoom() first");
        }
    }

    /** Queues a write, waiting for room: for replay at start-up and for presence changes. */
    public void enqueueWaiting(WriteOp op, long journalSeq) throws InterruptedException {
        queue.put(new Pending(op, journalSeq));
    }

    public void enqueueWaiting(WriteOp op) throws InterruptedException {
        enqueueWaiting(op, NO_JOURNAL_RECORD);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxWait.toNanos();
                while (batch.size() < batchSize) {
                    queue.drainTo(batch, batchSize - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= batchSize || left <= 0) {
                        break;
                    }
                    Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                writeUntilCommitted(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void writeUntilCommitted(List<Pending> batch) throws InterruptedException {
        List<WriteOp> ops = batch.stream().map(Pending::op).toList();
        long pauseMs = 200;
        while (true) {
            try {
                int inserted = write(ops);
                Instant now = Instant.now();
                metrics.samplesStored(inserted);
                long lastSeq = NO_JOURNAL_RECORD;
                for (Pending p : batch) {
                    metrics.ingestLag(Duration.between(p.op().receivedAt(), now));
                    lastSeq = Math.max(lastSeq, p.journalSeq());
                }
                if (lastSeq != NO_JOURNAL_RECORD) {
                    committedUpTo.accept(lastSeq);
                }
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    log.warn("ingest batch of {} writes not committed at shutdown; the journal keeps it for the next start",
                            batch.size());
                    return;
                }
                log.warn("ingest batch of {} writes failed, retrying in {} ms: {}", batch.size(), pauseMs, e.toString());
                Thread.sleep(pauseMs);
                pauseMs = Math.min(pauseMs * 2, 10_000);
            }
        }
    }

    private int write(List<WriteOp> ops) {
        int[] inserted = new int[1];
        long[] at = new long[3];
        at[0] = System.nanoTime();
        dsl.transaction(cfg -> {
            at[1] = System.nanoTime();
            if (!synchronousCommit) {
                // Committed to PostgreSQL's WAL buffers; its WAL writer flushes them within
                // 3 x wal_writer_delay whatever happens to this JVM. See ARCHITECTURE.md.
                cfg.dsl().execute("SET LOCAL synchronous_commit = off");
            }
            inserted[0] = store.write(cfg.dsl(), ops);
            at[2] = System.nanoTime();
        });
        long done = System.nanoTime();
        metrics.batchWritten(rows(ops), Duration.ofNanos(done - at[0]));
        if (done - at[0] > SLOW.toNanos()) {
            // Every write queued behind this one waits as long; say where the time went.
            log.warn("slow ingest transaction: {} ms for {} writes (connection {} ms, statements {} ms, commit {} ms)",
                    ms(done - at[0]), ops.size(), ms(at[1] - at[0]), ms(at[2] - at[1]), ms(done - at[2]));
        }
        return inserted[0];
    }

    private static final Duration SLOW = Duration.ofMillis(500);

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static int rows(List<WriteOp> ops) {
        return ops.stream().mapToInt(op -> op instanceof WriteOp.Telemetry t ? t.samples().size() : 1).sum();
    }

    /** Stops taking work and writes what is already queued (the journal keeps anything it cannot). */
    @Override
    public void close() {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!queue.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
