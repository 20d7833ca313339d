package dk.bostotte.fleet.netq;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_LINE;

import dk.bostotte.fleet.tasks.BackgroundThread;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code device_line} (each device's verdict and the figures behind it) fresh for the fleet
 * list, in chunks of devices so one pass never holds a long transaction. A device without recent
 * samples is {@code unknown}.
 */
public final class VerdictSnapshot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VerdictSnapshot.class);
    private static final int CHUNK = 500;

    private final DSLContext dsl;
    private final ConnectionVerdicts verdicts;
    private final Clock clock;
    private final ScheduledExecutorService timer = BackgroundThread.named("verdict-snapshot");

    public VerdictSnapshot(DSLContext dsl, ConnectionVerdicts verdicts, Clock clock) {
        this.dsl = dsl;
        this.verdicts = verdicts;
        this.clock = clock;
    }

    public VerdictSnapshot start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("verdict snapshot failed, will retry: {}", e.toString());
            }
        }, 5_000, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Recomputes every device's verdict; returns how many devices it covered. */
    public synchronized int refresh() {
        List<String> devices = dsl.select(DEVICE.ID).from(DEVICE).orderBy(DEVICE.ID).fetch(DEVICE.ID);
        for (int i = 0; i < devices.size(); i += CHUNK) {
            List<String> chunk = devices.subList(i, Math.min(devices.size(), i + CHUNK));
            Map<String, ConnectionVerdicts.DeviceVerdict> v = verdicts.of(chunk);
            var now = clock.instant().atOffset(ZoneOffset.UTC);
            dsl.batch(chunk.stream().map(d -> {
                ConnectionVerdicts.DeviceVerdict dv = v.get(d);
                LineFigures f = dv == null ? null : dv.figures();
                var rec = dsl.newRecord(DEVICE_LINE).setDeviceId(d)
                        .setVerdict(dv == null ? Verdict.UNKNOWN.wire() : dv.verdict().wire())
                        .setSamples(f == null ? 0 : f.samples()).setDownMbps(fl(f == null ? null : f.downMbps()))
                        .setUpMbps(fl(f == null ? null : f.upMbps())).setRttMs(fl(f == null ? null : f.rttMs()))
                        .setJitterMs(fl(f == null ? null : f.jitterMs())).setLossPct(fl(f == null ? null : f.lossPct()))
                        .setComputedAt(now);
                return dsl.insertInto(DEVICE_LINE).set(rec).onConflict(DEVICE_LINE.DEVICE_ID).doUpdate().set(rec);
            }).toList()).execute();
        }
        return devices.size();
    }

    private static Float fl(Double d) {
        return d == null ? null : d.floatValue();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
