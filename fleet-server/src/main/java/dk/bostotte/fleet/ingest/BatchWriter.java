package dk.bostotte.fleet.ingest;

import dk.bostotte.fleet.metrics.FleetMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns many small writes into few transactions. One thread takes whatever is queued (up to the
 * batch size, waiting at most {@code maxWait} for more), writes it in one transaction and only then
 * completes each caller's future: completion means committed. Order is kept, so a device's
 * "offline" never overtakes its last message.
 */
public final class BatchWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private record Pending(WriteOp op, CompletableFuture<Integer> done) {
    }

    private final DSLContext dsl;
    private final IngestStore store;
    private final FleetMetrics metrics;
    private final int batchSize;
    private final Duration maxWait;
    private final boolean synchronousCommit;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean running = true;

    public BatchWriter(DSLContext dsl, com.fasterxml.jackson.databind.ObjectMapper json, FleetMetrics metrics,
                       int batchSize, Duration maxWait, int capacity, boolean synchronousCommit) {
        this.dsl = dsl;
        this.store = new IngestStore(json);
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.maxWait = maxWait;
        this.synchronousCommit = synchronousCommit;
        this.queue = new ArrayBlockingQueue<>(capacity);
        metrics.gauge("bostotte.ingest.queue.depth", "Writes waiting for the database", queue::size);
        this.thread = new Thread(this::run, "ingest-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a write; the future completes with the telemetry rows inserted once committed. When the
     * queue is full the future fails at once, so the device is told to retry rather than the server
     * holding unbounded work.
     */
    public CompletableFuture<Integer> submit(WriteOp op) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(op, done))) {
            done.completeExceptionally(new RejectedExecutionException("ingest queue full"));
        }
        return done;
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
                flush(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("ingest writer failed unexpectedly", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<Pending> batch) {
        List<WriteOp> ops = batch.stream().map(Pending::op).toList();
        try {
            int[] inserted = new int[1];
            dsl.transaction(cfg -> {
                if (!synchronousCommit) {
                    // Committed to PostgreSQL's WAL buffers; its WAL writer flushes them within
                    // 3 x wal_writer_delay whatever happens to this JVM. See ARCHITECTURE.md.
                    cfg.dsl().execute("SET LOCAL synchronous_commit = off");
                }
                inserted[0] = store.write(cfg.dsl(), ops);
            });
            Instant now = Instant.now();
            metrics.batchWritten(rows(ops));
            metrics.samplesStored(inserted[0]);
            for (Pending p : batch) {
                metrics.ingestLag(Duration.between(p.op().receivedAt(), now));
                p.done().complete(p.op() instanceof WriteOp.Telemetry ? inserted[0] : 0);
            }
        } catch (RuntimeException e) {
            log.warn("ingest batch of {} writes failed, devices will resend: {}", batch.size(), e.toString());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    private static int rows(List<WriteOp> ops) {
        return ops.stream().mapToInt(op -> op instanceof WriteOp.Telemetry t ? t.samples().size() : 1).sum();
    }

    /** Stops taking work and writes what is already queued. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
