package dk.bostotte.fleet.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The fleet server's settings, one record per feature, each reading its own keys with their
 * defaults. Read from an optional properties file, then overridden by environment variables
 * ({@code http.port} → {@code BOSTOTTE_HTTP_PORT}). {@code data.dir} holds the server's files;
 * {@code pki.dir} (default {@code <data.dir>/pki}) the fleet CA and the server's keystore.
 */
public record FleetConfig(
        Path dataDir,
        Path pkiDir,
        HttpConfig http,
        ConsoleConfig console,
        MqttConfig mqtt,
        DatabaseConfig database,
        IngestConfig ingest,
        DemoConfig demo,
        CallConfig calls,
        NetqConfig netq,
        AlertConfig alerts,
        CommandConfig commands,
        KioskConfig kiosk,
        ReportConfig report,
        TimeConfig time) {

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
        Map<String, String> merged = new HashMap<>();
        p.stringPropertyNames().forEach(k -> merged.put(k, p.getProperty(k)));
        return load(merged, env);
    }

    static FleetConfig load(Map<String, String> props, Map<String, String> env) {
        Settings s = new Settings(props, env);
        Path dataDir = Path.of(s.get("data.dir", "./data")).toAbsolutePath().normalize();
        return new FleetConfig(
                dataDir,
                Path.of(s.get("pki.dir", dataDir.resolve("pki").toString())),
                HttpConfig.load(s),
                ConsoleConfig.load(s),
                MqttConfig.load(s),
                DatabaseConfig.load(s),
                IngestConfig.load(s),
                DemoConfig.load(s),
                CallConfig.load(s),
                NetqConfig.load(s),
                AlertConfig.load(s),
                CommandConfig.load(s),
                KioskConfig.load(s),
                ReportConfig.load(s),
                TimeConfig.load(s));
    }
}
