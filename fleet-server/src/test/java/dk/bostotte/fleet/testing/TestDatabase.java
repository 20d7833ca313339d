package dk.bostotte.fleet.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dk.bostotte.fleet.db.EmbeddedDatabase;
import dk.bostotte.fleet.devices.DeviceRegistration;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.protocol.DeviceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A real PostgreSQL for unit tests whose point is SQL: one embedded server per test JVM (starting
 * one takes seconds, so the test classes share it), migrated by the server's own Flyway scripts.
 * {@link #empty()} truncates every table, so each test starts from nothing whatever ran before it.
 * Built without FleetConfig on purpose, so these tests do not follow changes to the server's settings.
 */
public final class TestDatabase {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static DSLContext dsl;
    private static HikariDataSource dataSource;
    private static List<String> tables;

    private TestDatabase() {
    }

    /** The shared database with every table empty (identities restarted). */
    public static synchronized DSLContext empty() {
        if (dsl == null) {
            start();
        }
        dsl.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
        return dsl;
    }

    /** Plain connections, for a test that holds a lock or a transaction open by hand. */
    public static synchronized DataSource dataSource() {
        if (dsl == null) {
            start();
        }
        return dataSource;
    }

    /** Enrols a device as the provisioning CLI does: a fresh id, serial and certificate fingerprint. */
    public static DeviceId enrolDevice(DeviceRegistry registry) {
        DeviceId id = DeviceId.random(RANDOM);
        byte[] fingerprint = new byte[32];
        RANDOM.nextBytes(fingerprint);
        registry.register(new DeviceRegistration(id.value(), "rpi4-kiosk", "serial-" + id.value(),
                HexFormat.of().formatHex(fingerprint), null));
        return id;
    }

    private static void start() {
        try {
            // Under target/, so a clean build removes it; a postmaster a killed run left behind is stopped first
            // (so this assumes Surefire's default of one test JVM at a time per module).
            EmbeddedDatabase postgres = EmbeddedDatabase.start(Path.of("target", "test-postgres").toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres), "test-db-stop"));
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(postgres.jdbcUrl());
            hc.setUsername("postgres");
            hc.setMaximumPoolSize(6);
            hc.setPoolName("test-db");
            dataSource = new HikariDataSource(hc);
            // Clean first: the data directory outlives the run, the migrations may have changed since.
            Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").cleanDisabled(false).load();
            flyway.clean();
            flyway.migrate();
            dsl = DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
            tables = dsl.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename <> 'flyway_schema_history'").getValues(0, String.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(EmbeddedDatabase postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            // The next run stops a postmaster left behind.
        }
    }
}
