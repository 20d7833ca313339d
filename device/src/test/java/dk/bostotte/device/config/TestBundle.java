package dk.bostotte.device.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dk.bostotte.protocol.DeviceId;

/**
 * A config bundle like the provisioning CLI writes, made with the JDK's keytool: a CA, a device key
 * and chain [device, CA] under alias "device" in device.p12, and the CA as PEM in ca.crt. Also a
 * server key signed by the same CA, for handshake tests.
 */
final class TestBundle {

    static final String PASSWORD = "s3cret-pw";
    final Path dir;
    final Path pki;
    final DeviceId id = DeviceId.random(new SecureRandom());

    private TestBundle(Path root) {
        this.dir = root.resolve("bundle");
        this.pki = root.resolve("pki");
    }

    static TestBundle create(Path root) throws IOException, InterruptedException {
        TestBundle b = new TestBundle(root);
        Files.createDirectories(b.dir);
        Files.createDirectories(b.pki);
        b.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test Fleet CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        b.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", b.dir.resolve("ca.crt").toString());
        b.signedKey("device", "CN=" + b.id.value(), b.dir.resolve("device.p12"));
        b.signedKey("server", "CN=localhost", b.pki.resolve("server.p12"));
        Files.writeString(b.dir.resolve("device.properties"), String.join("\n",
                "device.id=" + b.id.value(), "device.model=rpi5-kiosk", "device.serial=SN-0001",
                "server.host=localhost", "server.mqtt.port=8883", "server.http.port=8443",
                "keystore.password=" + PASSWORD, ""), StandardCharsets.UTF_8);
        return b;
    }

    /** A server key with a self-signed certificate: valid TLS, but not from the bundle's CA. */
    static Path selfSignedServer(Path dir) throws IOException, InterruptedException {
        TestBundle b = new TestBundle(dir);
        Files.createDirectories(b.pki);
        b.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", "stranger.p12");
        return b.pki.resolve("stranger.p12");
    }

    /** A key signed by the CA, stored with its chain under {@code alias}, the CA entry itself removed. */
    private void signedKey(String alias, String dname, Path keystore) throws IOException, InterruptedException {
        String ks = keystore.toString();
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", ks);
        keytool("-certreq", "-alias", alias, "-keystore", ks, "-file", alias + ".csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", alias + ".csr", "-outfile", alias + ".crt",
                "-rfc", "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", ks, "-file", dir.resolve("ca.crt").toString());
        keytool("-importcert", "-alias", alias, "-keystore", ks, "-file", alias + ".crt");
        keytool("-delete", "-alias", "ca", "-keystore", ks);
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process p = new ProcessBuilder(cmd).directory(pki.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
