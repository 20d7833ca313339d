package dk.bostotte.fleet.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL run by the server itself under its data directory, for single-node installs and the
 * demo. The data survives restarts. A postmaster orphaned by a crash of a previous server (kill -9)
 * still holds the directory; it is stopped first, or the start would fail on postmaster.pid.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir) throws IOException {
        Files.createDirectories(dataDir.getParent());
        stopOrphanedPostmaster(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("max_connections", "50")
                .setServerConfig("synchronous_commit", "on")
                .start();
        log.info("embedded PostgreSQL running on port {} with data in {}", pg.getPort(), dataDir);
        return new EmbeddedDatabase(pg);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst()
                .map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong);
        Optional<ProcessHandle> orphan = pid.flatMap(ProcessHandle::of).filter(EmbeddedDatabase::isPostgres);
        if (orphan.isPresent()) {
            log.warn("stopping PostgreSQL (pid {}) left running by an earlier server", pid.get());
            ProcessHandle p = orphan.get();
            p.destroy(); // SIGTERM: smart shutdown, then fast after the wait below
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
