package dk.bostotte.systemtests;

import dk.bostotte.fleet.db.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/** Run as a child JVM by {@link DatabaseIT}: starts the embedded database, writes a row, waits to be killed. */
public final class OrphanedPostgresHolder {

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS survivor (note text)");
            c.createStatement().execute("INSERT INTO survivor VALUES ('written before the crash')");
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
