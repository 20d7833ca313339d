package dk.bostotte.fleet.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dk.bostotte.fleet.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** The connection pool, schema migration and jOOQ context; the embedded server when no URL is set. */
public final class Database implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final HikariDataSource dataSource;
    private final DSLContext dsl;

    private Database(EmbeddedDatabase embedded, HikariDataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    }

    /** Opens {@code config}'s database, or one embedded under {@code dataDir} when it names none. */
    public static Database open(DatabaseConfig config, Path dataDir) throws IOException {
        EmbeddedDatabase embedded = null;
        String url = config.url();
        String user = config.user();
        String password = config.password();
        if (config.embedded()) {
            embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"));
            url = embedded.jdbcUrl();
            user = "postgres";
            password = "";
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(8);
        hc.setPoolName("fleet-db");
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("stringtype", "unspecified");
        try {
            HikariDataSource ds = new HikariDataSource(hc);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            return new Database(embedded, ds);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True when a trivial query answers: what /health reports for the database. */
    public boolean isHealthy() {
        try {
            return dsl.selectOne().fetchOne() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
