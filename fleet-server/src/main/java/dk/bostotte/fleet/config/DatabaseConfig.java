package dk.bostotte.fleet.config;

/** {@code database.url}, {@code database.user} and {@code database.password}; no URL runs PostgreSQL embedded. */
public record DatabaseConfig(String url, String user, String password) {

    static DatabaseConfig load(Settings s) {
        return new DatabaseConfig(
                s.get("database.url", ""),
                s.get("database.user", "postgres"),
                s.get("database.password", ""));
    }

    public boolean embedded() {
        return url.isBlank();
    }
}
