package dk.bostotte.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The fleet server's TLS identity: a PKCS#12 keystore plus the password file the server reads at start-up. */
public final class ServerTls {

    public static final String KEYSTORE = "server.p12";
    public static final String PASSWORD_FILE = "server.p12.password";
    public static final String CERT = "server.crt";
    public static final String ALIAS = "server";
    public static final Duration VALIDITY = Duration.ofDays(2 * 365);

    private ServerTls() {
    }

    /** Issues a server certificate and writes server.p12 (alias "server"), its password file and server.crt. */
    public static void writeServerKeystore(FleetCa ca, Path dir, List<String> dns, List<String> ips) {
        IssuedCredential credential = ca.issueServer(dns, ips, VALIDITY);
        String password = Secrets.randomPassword();
        PrivateFiles.createDirectory(dir);
        PrivateFiles.replace(dir.resolve(PASSWORD_FILE), password.getBytes(StandardCharsets.US_ASCII));
        credential.writePkcs12(dir.resolve(KEYSTORE), password.toCharArray(), ALIAS);
        Pem.writeCertificate(dir.resolve(CERT), credential.certificate());
    }

    /** The keystore password; trailing whitespace is ignored in case someone edited the file by hand. */
    public static char[] readKeystorePassword(Path dir) {
        Path file = dir.resolve(PASSWORD_FILE);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).stripTrailing().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keystore password " + file + ": " + e, e);
        }
    }
}
