package dk.bostotte.provisioning.bundle;

import dk.bostotte.protocol.bundle.BundleLayout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.IssuedCredential;
import dk.bostotte.pki.Pem;
import dk.bostotte.pki.Secrets;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceBundleTest {

    @TempDir
    Path tmp;
    FleetCa ca;
    DeviceId id = DeviceId.random(new SecureRandom());
    IssuedCredential credential;
    DeviceBundle bundle;

    @BeforeEach
    void issue() {
        ca = FleetCa.create(tmp.resolve("pki"), "Test");
        credential = ca.issueDevice(id, Duration.ofDays(30));
        bundle = new DeviceBundle(id, "rpi4", "SN-0042 b", "fleet.example.dk", 8883, 8080, Secrets.randomPassword());
    }

    @Test
    void writtenBundleReadsBackEqual() {
        Path dir = tmp.resolve("devices").resolve(id.value());
        bundle.write(dir, credential);

        assertEquals(bundle, DeviceBundle.read(dir));
    }

    @Test
    void theKiosksWiringTravelsInTheBundleWhenItIsNotTheDefault() throws Exception {
        DeviceBundle wired = new DeviceBundle(id, "rpi4", "SN-0042 b", "fleet.example.dk", 8883, 8080, 8443,
                Secrets.randomPassword(), new DeviceBundle.GpioPins(22, 23));
        Path dir = tmp.resolve("wired");
        wired.write(dir, credential);
        assertEquals(wired, DeviceBundle.read(dir));
        String text = Files.readString(dir.resolve(BundleLayout.PROPERTIES));
        assertTrue(text.contains("gpio.button.pin=22\n") && text.contains("gpio.led.pin=23\n"), text);

        Path plain = tmp.resolve("plain");
        bundle.write(plain, credential);
        assertTrue(!Files.readString(plain.resolve(BundleLayout.PROPERTIES)).contains("gpio."), "defaults are not written");
        assertEquals(null, DeviceBundle.read(plain).gpio());
        assertThrows(IllegalArgumentException.class, () -> new DeviceBundle.GpioPins(17, 17), "one pin for both");
        assertThrows(IllegalArgumentException.class, () -> new DeviceBundle.GpioPins(17, 40), "no GPIO 40 on a Pi");
    }

    @Test
    void propertiesUseThePlainKeysTheDeviceAppParses() throws Exception {
        Path dir = tmp.resolve("bundle");
        bundle.write(dir, credential);

        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(BundleLayout.PROPERTIES))) {
            p.load(reader);
        }
        assertEquals(id.value(), p.getProperty("device.id"));
        assertEquals("rpi4", p.getProperty("device.model"));
        assertEquals("SN-0042 b", p.getProperty("device.serial"));
        assertEquals("fleet.example.dk", p.getProperty("server.host"));
        assertEquals("8883", p.getProperty("server.mqtt.port"));
        assertEquals("8080", p.getProperty("server.http.port"));
        assertTrue(p.getProperty("keystore.password").matches("[A-Za-z0-9_-]{24}"), p.getProperty("keystore.password"));
    }

    @Test
    void keystoreOpensWithTheBundlePasswordAndHoldsDeviceAndCaCertificates() throws Exception {
        Path dir = tmp.resolve("bundle");
        bundle.write(dir, credential);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(BundleLayout.KEYSTORE))) {
            store.load(in, bundle.keystorePassword().toCharArray());
        }
        Certificate[] chain = store.getCertificateChain("device");
        assertEquals(2, chain.length);
        assertArrayEquals(credential.certificate().getEncoded(), chain[0].getEncoded());
        assertArrayEquals(ca.certificate().getEncoded(), chain[1].getEncoded());
        assertArrayEquals(credential.key().getEncoded(), store.getKey("device", bundle.keystorePassword().toCharArray()).getEncoded());
        assertEquals(ca.certificate(), Pem.readCertificate(dir.resolve(BundleLayout.CA_CERT)));
        assertEquals(credential.certificate(), Pem.readCertificate(dir.resolve("device.crt")));
        assertArrayEquals(credential.key().getEncoded(), Pem.readPrivateKey(dir.resolve("device.key")).getEncoded());
    }

    @Test
    void bundleDirectoryAndKeyAreOwnerOnly() throws Exception {
        Path dir = tmp.resolve("bundle");
        bundle.write(dir, credential);

        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("device.key")));
    }

    @Test
    void valuesThatWouldNotSurviveAPlainPropertiesFileAreRefused() {
        for (String bad : new String[] {"", " rpi4", "rpi4\nkeystore.password=x", "c:\\dev", "rpi4æ"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DeviceBundle(id, bad, "S1", "h", 8883, 8080, "pw"));
            assertTrue(e.getMessage().startsWith("model"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new DeviceBundle(id, "rpi4", "S1", "h", 0, 8080, "pw"));
    }

    @Test
    void credentialForAnotherDeviceIsNotWrittenIntoTheBundle() {
        IssuedCredential other = ca.issueDevice(DeviceId.random(new SecureRandom()), Duration.ofDays(1));

        assertThrows(IllegalArgumentException.class, () -> bundle.write(tmp.resolve("bundle"), other));
        assertTrue(Files.notExists(tmp.resolve("bundle")));
    }
}
