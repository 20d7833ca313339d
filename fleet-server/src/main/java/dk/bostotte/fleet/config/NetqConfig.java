package dk.bostotte.fleet.config;

import dk.bostotte.fleet.config.VerdictThresholds.Level;
import java.time.Duration;

/**
 * Line quality: the verdicts' thresholds ({@code verdict.window.days} and
 * {@code verdict.<hd|video|audio>.<mbps|rtt.ms|jitter.ms|loss.pct>}), how often they are
 * snapshotted ({@code verdict.snapshot.every.s}), the device API's port ({@code device.api.port})
 * and the UDP echo's allowance per device ({@code netq.echo.packets.per.10s}).
 */
public record NetqConfig(VerdictThresholds verdicts, Duration verdictSnapshotEvery, int deviceApiPort, int echoPacketsPer10s) {

    static NetqConfig load(Settings s) {
        return new NetqConfig(
                verdicts(s),
                Duration.ofSeconds(s.getInt("verdict.snapshot.every.s", 300, 1, 86_400)),
                s.getInt("device.api.port", 8443, 0, 65535),
                s.getInt("netq.echo.packets.per.10s", 100, 1, 100_000));
    }

    private static VerdictThresholds verdicts(Settings s) {
        VerdictThresholds d = VerdictThresholds.defaults();
        return new VerdictThresholds(
                Duration.ofDays(s.getInt("verdict.window.days", (int) d.window().toDays(), 1, 365)),
                level(s, "hd", d.hd()), level(s, "video", d.video()), level(s, "audio", d.audio()));
    }

    private static Level level(Settings s, String name, Level d) {
        String k = "verdict." + name + ".";
        return new Level(s.getDouble(k + "mbps", d.minMbps()), s.getDouble(k + "rtt.ms", d.maxRttMs()),
                s.getDouble(k + "jitter.ms", d.maxJitterMs()), s.getDouble(k + "loss.pct", d.maxLossPct()));
    }
}
