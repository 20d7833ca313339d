package dk.bostotte.provisioning.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to reach and authenticate to the fleet server's admin API. */
public final class ServerOptions {

    static final String PASSWORD_ENV = "BOSTOTTE_ADMIN_PASSWORD";

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:BOSTOTTE_SERVER:-http://localhost:8080}",
            description = "Fleet server base URL (default: ${DEFAULT-VALUE}; env BOSTOTTE_SERVER).")
    URI server;

    @Option(names = "--user", defaultValue = "${env:BOSTOTTE_ADMIN_USER:-admin}",
            description = "Admin user (default: ${DEFAULT-VALUE}; env BOSTOTTE_ADMIN_USER).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the admin password; otherwise env " + PASSWORD_ENV + ".")
    Path passwordFile;

    public URI server() {
        String scheme = server.getScheme();
        if (server.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("--server must be an http(s) URL with a host: " + server);
        }
        return server;
    }

    /** The explicit file wins over the environment, so a script can override an exported password. */
    public char[] password() {
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read password file " + passwordFile + ": " + e, e);
            }
        }
        String env = System.getenv(PASSWORD_ENV);
        if (env == null || env.isEmpty()) {
            throw new IllegalArgumentException("no admin password: set " + PASSWORD_ENV + " or pass --password-file FILE");
        }
        return env.toCharArray();
    }

    /** The HTTP port the device should use: explicit in the URL, else the scheme's default. */
    public int httpPort() {
        URI uri = server();
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    public FleetInventoryClient client() {
        return new FleetInventoryClient(server(), user, password());
    }
}
