package dk.bostotte.device.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigBundleTest {

    @TempDir
    static Path shared;
    static TestBundle made;

    @TempDir
    Path scratch;

    @BeforeAll
    static void makeBundle() throws Exception {
        made = TestBundle.create(shared);
    }

    /** A private copy, so a test can break it without affecting the others. */
    private Path copy() throws IOException {
        Path d = scratch.resolve("bundle");
        Files.createDirectories(d);
        try (Stream<Path> files = Files.list(made.dir)) {
            for (Path f : files.toList()) {
                Files.copy(f, d.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return d;
    }

    @Test
    void readsTheDevicePropertiesOfAGoodBundle() throws Exception {
        ConfigBundle b = ConfigBundle.load(made.dir);
        assertEquals(made.id, b.deviceId());
        assertEquals("rpi5-kiosk", b.model());
        assertEquals("ssl://localhost:8883", b.mqttUri());
        assertEquals(8443, b.httpPort());
        assertFalse(b.toString().contains(TestBundle.PASSWORD), "the password never reaches a log");
    }

    @Test
    void mutualTlsHandshakeSucceedsWithAServerSignedByTheBundleCa() throws Exception {
        ConfigBundle b = ConfigBundle.load(made.dir);
        try (SSLServerSocket server = serverSocket(made.pki.resolve("server.p12"))) {
            CompletableFuture<String> clientSeenByServer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    return s.getSession().getPeerPrincipal().getName();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) BundleTls.socketFactory(b).createSocket("127.0.0.1", server.getLocalPort())) {
                client.startHandshake();
                assertTrue(client.getSession().getProtocol().matches("TLSv1\\.[23]"), client.getSession().getProtocol());
                assertEquals("CN=localhost", client.getSession().getPeerPrincipal().getName());
            }
            assertEquals("CN=" + made.id.value(), clientSeenByServer.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void trustsNoServerOutsideTheBundleCa() throws Exception {
        Path stranger = TestBundle.selfSignedServer(scratch);
        ConfigBundle b = ConfigBundle.load(made.dir);
        try (SSLServerSocket server = serverSocket(stranger)) {
            CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                } catch (IOException expected) {
                    // The client aborts the handshake.
                }
            });
            try (SSLSocket client = (SSLSocket) BundleTls.socketFactory(b).createSocket("127.0.0.1", server.getLocalPort())) {
                assertThrows(javax.net.ssl.SSLHandshakeException.class, client::startHandshake);
            }
        }
    }

    @Test
    void missingFileIsNamedInTheError() throws Exception {
        Path d = copy();
        Files.delete(d.resolve("ca.crt"));
        BundleException e = assertThrows(BundleException.class, () -> ConfigBundle.load(d));
        assertTrue(e.getMessage().contains(d.resolve("ca.crt").toString()), e.getMessage());
    }

    @Test
    void missingDirectoryIsNamedInTheError() {
        Path d = scratch.resolve("nowhere");
        BundleException e = assertThrows(BundleException.class, () -> ConfigBundle.load(d));
        assertTrue(e.getMessage().contains(d.toString()), e.getMessage());
    }

    @Test
    void missingPropertyIsNamedInTheError() throws Exception {
        Path d = copy();
        Path props = d.resolve("device.properties");
        Files.writeString(props, Files.readString(props).replaceAll("server\\.mqtt\\.port=.*\n", ""));
        BundleException e = assertThrows(BundleException.class, () -> ConfigBundle.load(d));
        assertTrue(e.getMessage().contains("device.properties") && e.getMessage().contains("server.mqtt.port"),
                e.getMessage());
    }

    @Test
    void wrongKeystorePasswordNamesTheKeystore() throws Exception {
        Path d = copy();
        Path props = d.resolve("device.properties");
        Files.writeString(props, Files.readString(props).replace(TestBundle.PASSWORD, "wrong"));
        ConfigBundle b = ConfigBundle.load(d);
        BundleException e = assertThrows(BundleException.class, () -> BundleTls.sslContext(b));
        assertTrue(e.getMessage().contains("device.p12"), e.getMessage());
    }

    @Test
    void garbageCaCertificateIsNamedInTheError() throws Exception {
        Path d = copy();
        Files.writeString(d.resolve("ca.crt"), "not a certificate");
        ConfigBundle b = ConfigBundle.load(d);
        BundleException e = assertThrows(BundleException.class, () -> BundleTls.sslContext(b));
        assertTrue(e.getMessage().contains("ca.crt"), e.getMessage());
    }

    @Test
    void theKiosksWiringComesFromTheBundleAndABadPinIsNamed() throws Exception {
        assertEquals(java.util.Optional.empty(), ConfigBundle.load(made.dir).buttonPin(), "no wiring given: the defaults");
        Path d = copy();
        Path props = d.resolve("device.properties");
        String plain = Files.readString(props);
        Files.writeString(props, plain + "gpio.button.pin=22\ngpio.led.pin=23\n");
        ConfigBundle b = ConfigBundle.load(d);
        assertEquals(java.util.Optional.of(22), b.buttonPin());
        assertEquals(java.util.Optional.of(23), b.ledPin());
        Files.writeString(props, plain + "gpio.button.pin=forty\n");
        BundleException e = assertThrows(BundleException.class, () -> ConfigBundle.load(d));
        assertTrue(e.getMessage().contains("gpio.button.pin") && e.getMessage().contains("forty"), e.getMessage());
    }

    @Test
    void invalidDeviceIdIsRefused() throws Exception {
        Path d = copy();
        Path props = d.resolve("device.properties");
        Files.writeString(props, Files.readString(props).replace(made.id.value(), "AAAA-AAAB"));
        BundleException e = assertThrows(BundleException.class, () -> ConfigBundle.load(d));
        assertTrue(e.getMessage().contains("device.id"), e.getMessage());
    }

    private static SSLServerSocket serverSocket(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, TestBundle.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, TestBundle.PASSWORD.toCharArray());
        // The server trusts the same CA file the device got, so it checks the device's chain too.
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(BundleTls.loadCa(made.dir.resolve("ca.crt")));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0);
        s.setNeedClientAuth(true);
        return s;
    }

}
