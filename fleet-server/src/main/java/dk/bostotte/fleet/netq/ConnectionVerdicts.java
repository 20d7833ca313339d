package dk.bostotte.fleet.netq;

import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.jooq.impl.DSL.count;

import dk.bostotte.fleet.config.VerdictThresholds;
import dk.bostotte.protocol.DeviceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * A verdict per device from its recent network samples: medians over the window, computed in SQL,
 * classified by {@link Verdict#of} against the configured thresholds. Blocking: call off the event loop.
 */
public final class ConnectionVerdicts {

    /** A device's verdict with the figures behind it, so staff and IT support see why. */
    public record DeviceVerdict(Verdict verdict, LineFigures figures) {
    }

    private final DSLContext dsl;
    private final VerdictThresholds thresholds;
    private final Clock clock;

    public ConnectionVerdicts(DSLContext dsl, VerdictThresholds thresholds, Clock clock) {
        this.dsl = dsl;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    public DeviceVerdict of(DeviceId device) {
        return of(List.of(device.value())).getOrDefault(device.value(),
                new DeviceVerdict(Verdict.UNKNOWN, new LineFigures(0, null, null, null, null, null)));
    }

    /** Verdicts of the given devices (ids as text); a device without recent samples is absent. */
    public Map<String, DeviceVerdict> of(Collection<String> devices) {
        return between(devices, clock.instant().minus(thresholds.window()), clock.instant());
    }

    /** Verdicts over a chosen period, for coverage reports. */
    public Map<String, DeviceVerdict> between(Collection<String> devices, Instant from, Instant to) {
        return between(TELEMETRY.DEVICE_ID.in(devices), from, to);
    }

    /** A device's usual verdict (over the verdict window) and its verdict of the last few hours. */
    public record Change(DeviceVerdict usual, DeviceVerdict recent) {
    }

    /**
     * For every device measured within {@code recent}: its usual and recent verdicts. Throughput is
     * tested only a few times a day, so the recent verdict takes the usual throughput unless a test
     * ran within {@code recent}; latency, jitter and loss are always the recent ones.
     */
    public Map<String, Change> recentAgainstUsual(Duration recent) {
        Instant now = clock.instant();
        Map<String, DeviceVerdict> latest = between(TELEMETRY.SAMPLED_AT.ge(now.minus(recent).atOffset(ZoneOffset.UTC)),
                now.minus(recent), now);
        Map<String, DeviceVerdict> usual = between(latest.keySet(), now.minus(thresholds.window()), now);
        Map<String, Change> out = new HashMap<>();
        latest.forEach((device, r) -> {
            DeviceVerdict u = usual.get(device);
            if (u == null) {
                return;
            }
            LineFigures f = r.figures();
            LineFigures merged = new LineFigures(f.samples(), f.downMbps() != null ? f.downMbps() : u.figures().downMbps(),
                    f.upMbps() != null ? f.upMbps() : u.figures().upMbps(), f.rttMs(), f.jitterMs(), f.lossPct());
            out.put(device, new Change(u, new DeviceVerdict(Verdict.of(merged, thresholds), merged)));
        });
        return out;
    }

    private Map<String, DeviceVerdict> between(Condition devices, Instant from, Instant to) {
        Field<Double> down = median(TELEMETRY.DOWN_MBPS);
        Field<Double> up = median(TELEMETRY.UP_MBPS);
        Field<Double> rtt = median(TELEMETRY.RTT_MS);
        Field<Double> jitter = median(TELEMETRY.JITTER_MS);
        Field<Double> loss = median(TELEMETRY.LOSS_PCT);
        Map<String, DeviceVerdict> out = new HashMap<>();
        for (Record r : dsl.select(TELEMETRY.DEVICE_ID, count(), down, up, rtt, jitter, loss).from(TELEMETRY)
                .where(devices)
                .and(TELEMETRY.SAMPLED_AT.between(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .groupBy(TELEMETRY.DEVICE_ID).fetch()) {
            LineFigures f = new LineFigures(r.get(count()), SampleFigures.round(r.get(down)),
                    SampleFigures.round(r.get(up)), SampleFigures.round(r.get(rtt)), SampleFigures.round(r.get(jitter)),
                    SampleFigures.round(r.get(loss)));
            out.put(r.get(TELEMETRY.DEVICE_ID), new DeviceVerdict(Verdict.of(f, thresholds), f));
        }
        return out;
    }

    private static Field<Double> median(Field<? extends Number> f) {
        return SampleFigures.percentile(0.5, f, f.getName() + "_median");
    }

}
