package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;

import dk.bostotte.protocol.DeviceId;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * Network samples written straight into the telemetry table, as the ingest would store them, for
 * tests of what is computed from stored samples (verdicts, coverage, alerts). Null = not measured.
 */
public final class StoredSamples {

    private final DSLContext db;
    private final DeviceId device;
    private String link = "cellular";
    private long nextSeq;

    StoredSamples(DSLContext db, DeviceId device, long firstSeq) {
        this.db = db;
        this.device = device;
        this.nextSeq = firstSeq;
    }

    public StoredSamples link(String link) {
        this.link = link;
        return this;
    }

    /** One sample at {@code at}. */
    public StoredSamples add(Instant at, Double down, Double up, Double rtt, Double jitter, Double loss) {
        db.insertInto(TELEMETRY).set(TELEMETRY.DEVICE_ID, device.value()).set(TELEMETRY.SEQ, nextSeq++)
                .set(TELEMETRY.SAMPLED_AT, at.atOffset(ZoneOffset.UTC)).set(TELEMETRY.LINK, link)
                .set(TELEMETRY.DOWN_MBPS, f(down)).set(TELEMETRY.UP_MBPS, f(up)).set(TELEMETRY.RTT_MS, f(rtt))
                .set(TELEMETRY.JITTER_MS, f(jitter)).set(TELEMETRY.LOSS_PCT, f(loss)).execute();
        return this;
    }

    /** {@code n} samples a second apart, starting at {@code from}. */
    public StoredSamples add(int n, Instant from, Double down, Double up, Double rtt, Double jitter, Double loss) {
        for (int i = 0; i < n; i++) {
            add(from.plusSeconds(i), down, up, rtt, jitter, loss);
        }
        return this;
    }

    private static Float f(Double d) {
        return d == null ? null : d.floatValue();
    }
}
