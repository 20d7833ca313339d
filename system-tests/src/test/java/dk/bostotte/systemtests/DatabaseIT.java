package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.AUDIT_LOG;
import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.fleet.db.EmbeddedDatabase;
import dk.bostotte.fleet.ingest.TelemetryRetention;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** The embedded database's crash recovery, the audit log's append-only rule, telemetry retention. */
class DatabaseIT {

    @Test
    void postmasterOrphanedByAKilledServerIsStoppedAndTheDataSurvives() throws Exception {
        Path dir = Files.createTempDirectory("orphan-pg-").resolve("postgres");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedPostgresHolder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            seen.append(line).append('\n');
        }
        assertEquals("ready", line, seen.toString());
        holder.destroyForcibly(); // kill -9: the postmaster is left running, holding the directory
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        long orphan = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the postmaster outlived the JVM");

        long started = System.nanoTime();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir);
             Connection c = DriverManager.getConnection(db.jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery("SELECT note FROM survivor")) {
            assertTrue(rs.next());
            assertEquals("written before the crash", rs.getString(1));
        }
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 10, "no wait for postmaster.pid to time out");
        assertTrue(!ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the orphan was stopped");
    }

    @Test
    void auditLogRefusesUpdatesAndDeletes() {
        FleetTestEnvironment env = FleetTestEnvironment.shared();
        env.db().insertInto(AUDIT_LOG).set(AUDIT_LOG.ACTOR, "test").set(AUDIT_LOG.ACTION, "probe").execute();
        assertThrows(DataAccessException.class, () -> env.db().update(AUDIT_LOG).set(AUDIT_LOG.ACTOR, "someone else").execute());
        assertThrows(DataAccessException.class, () -> env.db().deleteFrom(AUDIT_LOG).execute());
        assertTrue(env.db().fetchCount(AUDIT_LOG) >= 1);
    }

    @Test
    void retentionDeletesOnlySamplesOlderThanTheSetting() {
        FleetTestEnvironment env = FleetTestEnvironment.shared();
        var d = env.enroll("rpi4", "retention-1");
        OffsetDateTime now = OffsetDateTime.now();
        env.db().insertInto(TELEMETRY, TELEMETRY.DEVICE_ID, TELEMETRY.SEQ, TELEMETRY.SAMPLED_AT, TELEMETRY.LINK)
                .values(d.id().value(), 1L, now.minusDays(500), "wifi")
                .values(d.id().value(), 2L, now.minusDays(399), "wifi")
                .values(d.id().value(), 3L, now, "wifi").execute();
        try (TelemetryRetention retention = new TelemetryRetention(env.db(), 400)) {
            assertTrue(retention.runOnce() >= 1);
        }
        assertEquals(java.util.List.of(2L, 3L), env.db().select(TELEMETRY.SEQ).from(TELEMETRY)
                .where(TELEMETRY.DEVICE_ID.eq(d.id().value())).orderBy(TELEMETRY.SEQ).fetch(TELEMETRY.SEQ));
    }
}
