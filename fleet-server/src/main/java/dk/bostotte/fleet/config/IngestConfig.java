package dk.bostotte.fleet.config;

import java.time.Duration;

/**
 * {@code ingest.batch.size}, {@code ingest.max.wait.ms} (how long a batch waits to fill),
 * {@code ingest.queue.capacity}, {@code ingest.synchronous.commit}, {@code ingest.journal.sync.ms}
 * (how often the journal is forced to disk) and {@code telemetry.retention.days}.
 */
public record IngestConfig(int batchSize, Duration maxWait, int queueCapacity, boolean synchronousCommit,
                           int journalSyncMillis, int telemetryRetentionDays) {

    static IngestConfig load(Settings s) {
        return new IngestConfig(
                s.getInt("ingest.batch.size", 1000, 1, 50_000),
                Duration.ofMillis(s.getInt("ingest.max.wait.ms", 0, 0, 10_000)),
                s.getInt("ingest.queue.capacity", 100_000, 100, 10_000_000),
                s.getBoolean("ingest.synchronous.commit", true),
                s.getInt("ingest.journal.sync.ms", 100, 1, 10_000),
                s.getInt("telemetry.retention.days", 400, 1, 36500));
    }
}
