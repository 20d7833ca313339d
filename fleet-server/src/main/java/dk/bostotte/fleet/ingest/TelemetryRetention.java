package dk.bostotte.fleet.ingest;

import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;

import dk.bostotte.fleet.tasks.BackgroundThread;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes telemetry older than the retention setting, hourly and in small chunks, so the delete
 * never holds long locks against the ingest. The BRIN index on sampled_at finds old rows cheaply.
 */
public final class TelemetryRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelemetryRetention.class);
    private static final int CHUNK = 10_000;

    private final DSLContext dsl;
    private final int retentionDays;
    private final ScheduledExecutorService timer = BackgroundThread.named("telemetry-retention");

    public TelemetryRetention(DSLContext dsl, int retentionDays) {
        this.dsl = dsl;
        this.retentionDays = retentionDays;
        timer.scheduleWithFixedDelay(this::runOnce, 1, 60, TimeUnit.MINUTES);
    }

    /** Deletes everything past retention; returns the number of rows deleted. */
    public int runOnce() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(retentionDays);
        int total = 0;
        try {
            int n;
            do {
                n = dsl.deleteFrom(TELEMETRY).where(DSL.field("ctid").in(
                        DSL.select(DSL.field("ctid")).from(TELEMETRY).where(TELEMETRY.SAMPLED_AT.lt(cutoff)).limit(CHUNK)))
                        .execute();
                total += n;
            } while (n == CHUNK);
            if (total > 0) {
                log.info("deleted {} telemetry samples older than {} days", total, retentionDays);
            }
        } catch (RuntimeException e) {
            log.warn("telemetry retention failed, will retry: {}", e.toString());
        }
        return total;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
