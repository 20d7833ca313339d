package dk.bostotte.fleet.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The fleet server's settings with their defaults. Read from an optional properties file, then
 * overridden by environment variables ({@code http.port} → {@code BOSTOTTE_HTTP_PORT}).
 */
public record FleetConfig(
        Path dataDir,
        String httpHost,
        int httpPort,
        String mqttHost,
        int mqttPort,
        Path pkiDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int telemetryRetentionDays,
        int ingestBatchSize,
        Duration ingestMaxWait,
        int ingestQueueCapacity,
        boolean ingestSynchronousCommit,
        int ingestJournalSyncMillis,
        int maxKeepAliveSeconds,
        boolean demoAccounts,
        String demoPassword,
        CallConfig calls,
        Optional<Path> httpTlsKeystore,
        String httpTlsPassword,
        dk.bostotte.fleet.netq.VerdictThresholds verdicts,
        String mapTilesUrl,
        int deviceApiPort,
        int echoPacketsPer10s,
        AlertConfig alerts,
        Duration commandSweepEvery,
        Duration verdictSnapshotEvery,
        Duration kioskRefreshEvery,
        ReportConfig report) {

    public static FleetConfig defaults(Path dataDir) {
        return load(Map.of("data.dir", dataDir.toString()), Map.of());
    }

    /** Loads {@code file} (if present) with {@code overrides} on top, then the environment on top of that. */
    public static FleetConfig load(Optional<Path> file, Map<String, String> overrides, Map<String, String> env) throws IOException {
        Properties p = new Properties();
        if (file.isPresent()) {
            try (Reader r = Files.newBufferedReader(file.get())) {
                p.load(r);
            }
        }
        overrides.forEach(p::setProperty);
        Map<String, String> merged = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(k -> merged.put(k, p.getProperty(k)));
        return load(merged, env);
    }

    static FleetConfig load(Map<String, String> props, Map<String, String> env) {
        Settings s = new Settings(props, env);
        Path dataDir = Path.of(s.get("data.dir", "./data")).toAbsolutePath().normalize();
        return new FleetConfig(
                dataDir,
                s.get("http.host", "0.0.0.0"),
                s.getInt("http.port", 8080, 0, 65535),
                s.get("mqtt.host", "0.0.0.0"),
                s.getInt("mqtt.port", 8883, 0, 65535),
                Path.of(s.get("pki.dir", dataDir.resolve("pki").toString())),
                s.get("database.url", ""),
                s.get("database.user", "postgres"),
                s.get("database.password", ""),
                s.getInt("telemetry.retention.days", 400, 1, 36500),
                s.getInt("ingest.batch.size", 1000, 1, 50_000),
                Duration.ofMillis(s.getInt("ingest.max.wait.ms", 0, 0, 10_000)),
                s.getInt("ingest.queue.capacity", 100_000, 100, 10_000_000),
                Boolean.parseBoolean(s.get("ingest.synchronous.commit", "true")),
                s.getInt("ingest.journal.sync.ms", 100, 1, 10_000),
                s.getInt("mqtt.max.keepalive.s", 120, 10, 65535),
                Boolean.parseBoolean(s.get("demo.accounts", "false")),
                s.get("demo.password", ""),
                new CallConfig(
                        Duration.ofSeconds(s.getInt("call.ring.timeout.s", 45, 5, 600)),
                        Duration.ofSeconds(s.getInt("call.connect.timeout.s", 20, 3, 120)),
                        s.getList("call.stun.urls"),
                        s.getList("call.turn.urls"),
                        s.get("call.turn.secret", ""),
                        Duration.ofSeconds(s.getInt("call.turn.ttl.s", 3600, 60, 86_400)),
                        icePolicy(s.get("call.ice.transport.policy", "all"))),
                Optional.of(s.get("http.tls.keystore", "")).filter(v -> !v.isBlank()).map(Path::of),
                s.get("http.tls.password", ""),
                verdicts(s),
                s.get("coverage.tiles.url", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
                s.getInt("device.api.port", 8443, 0, 65535),
                s.getInt("netq.echo.packets.per.10s", 100, 1, 100_000),
                new AlertConfig(
                        Duration.ofSeconds(s.getInt("alert.check.every.s", 60, 1, 86_400)),
                        Duration.ofMinutes(s.getInt("alert.raise.after.minutes", 120, 0, 100_000)),
                        Duration.ofMinutes(s.getInt("alert.verdict.recent.minutes", 60, 5, 100_000)),
                        Duration.ofHours(s.getInt("alert.offline.hours", 24, 1, 10_000)),
                        s.getInt("alert.failed.calls.per.day", 2, 1, 1000),
                        s.getInt("alert.disk.free.mb", 500, 1, 1_000_000),
                        s.getInt("alert.cpu.temp.c", 80, 40, 150)),
                Duration.ofSeconds(s.getInt("command.sweep.every.s", 10, 1, 3600)),
                Duration.ofSeconds(s.getInt("verdict.snapshot.every.s", 300, 1, 86_400)),
                Duration.ofSeconds(s.getInt("kiosk.refresh.every.s", 60, 1, 86_400)),
                new ReportConfig(s.getInt("report.target.group", 100, 1, 1_000_000),
                        s.getList("report.milestones").isEmpty() ? java.util.List.of("50", "10%") : s.getList("report.milestones"),
                        // The Danish state's 2025 rate for business driving ("høj sats") and a worker-hour.
                        s.getDouble("report.mileage.rate.dkk", 3.79), s.getDouble("report.hourly.cost.dkk", 450)));
    }

    /** Where the map tiles come from (scheme, host and port), for the console's content security policy. */
    public String mapTilesOrigin() {
        java.net.URI uri = java.net.URI.create(mapTilesUrl.replace("{", "%7B").replace("}", "%7D"));
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static dk.bostotte.protocol.message.CallSignal.IceTransportPolicy icePolicy(String raw) {
        try {
            return dk.bostotte.protocol.message.CallSignal.IceTransportPolicy.fromWire(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting call.ice.transport.policy=" + raw + " must be all or relay");
        }
    }

    /** {@code verdict.window.days} and {@code verdict.<hd|video|audio>.<mbps|rtt.ms|jitter.ms|loss.pct>}. */
    private static dk.bostotte.fleet.netq.VerdictThresholds verdicts(Settings s) {
        var d = dk.bostotte.fleet.netq.VerdictThresholds.defaults();
        return new dk.bostotte.fleet.netq.VerdictThresholds(
                Duration.ofDays(s.getInt("verdict.window.days", (int) d.window().toDays(), 1, 365)),
                level(s, "hd", d.hd()), level(s, "video", d.video()), level(s, "audio", d.audio()));
    }

    private static dk.bostotte.fleet.netq.VerdictThresholds.Level level(Settings s, String name,
                                                                        dk.bostotte.fleet.netq.VerdictThresholds.Level d) {
        String k = "verdict." + name + ".";
        return new dk.bostotte.fleet.netq.VerdictThresholds.Level(s.getDouble(k + "mbps", d.minMbps()),
                s.getDouble(k + "rtt.ms", d.maxRttMs()), s.getDouble(k + "jitter.ms", d.maxJitterMs()),
                s.getDouble(k + "loss.pct", d.maxLossPct()));
    }

    public boolean embeddedDatabase() {
        return databaseUrl.isBlank();
    }

    /** Reads one key from properties then environment, and says which key was wrong when it fails. */
    private record Settings(Map<String, String> props, Map<String, String> env) {
        String get(String key, String def) {
            String envKey = "BOSTOTTE_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
            String v = env.get(envKey);
            if (v == null) {
                v = props.get(key);
            }
            return v == null ? def : v.trim();
        }

        /** A comma-separated list; empty when unset. */
        java.util.List<String> getList(String key) {
            return java.util.Arrays.stream(get(key, "").split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        }

        double getDouble(String key, double def) {
            String raw = get(key, Double.toString(def));
            try {
                double v = Double.parseDouble(raw);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("setting " + key + "=" + raw + " must be a number of at least 0");
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + key + "=" + raw + " is not a number");
            }
        }

        int getInt(String key, int def, int min, int max) {
            String raw = get(key, Integer.toString(def));
            try {
                int v = Integer.parseInt(raw);
                if (v < min || v > max) {
                    throw new IllegalArgumentException("setting " + key + "=" + raw + " is outside [" + min + ", " + max + "]");
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + key + "=" + raw + " is not a whole number");
            }
        }
    }
}
