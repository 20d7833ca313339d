package dk.bostotte.fleet.config;

import java.nio.file.Path;
import java.util.Optional;

/** {@code http.host}, {@code http.port}, and {@code http.tls.keystore} with {@code http.tls.password} for HTTPS. */
public record HttpConfig(String host, int port, Optional<Path> tlsKeystore, String tlsPassword) {

    static HttpConfig load(Settings s) {
        return new HttpConfig(
                s.get("http.host", "0.0.0.0"),
                s.getInt("http.port", 8080, 0, 65535),
                Optional.of(s.get("http.tls.keystore", "")).filter(v -> !v.isBlank()).map(Path::of),
                s.get("http.tls.password", ""));
    }
}
