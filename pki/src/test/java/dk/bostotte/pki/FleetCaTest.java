package dk.bostotte.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCaTest {

    @TempDir
    Path dir;

    @Test
    void createdCaLoadsBackWithTheSameCertificateAndKey() throws Exception {
        FleetCa created = FleetCa.create(dir, "Bostøtte Test");
        FleetCa loaded = FleetCa.load(dir);

        assertArrayEquals(created.certificate().getEncoded(), loaded.certificate().getEncoded());
        assertEquals("Bostøtte Test", loaded.organisation());
        // The loaded key must be able to issue certificates that verify against the stored CA certificate.
        X509Certificate leaf = loaded.issueOperator("ops", Duration.ofDays(1)).certificate();
        leaf.verify(created.certificate().getPublicKey());
    }

    @Test
    void caKeyIsReadableByOwnerOnly() throws Exception {
        FleetCa.create(dir, "Bostøtte Test");

        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("ca.key")));
        assertTrue(Files.readString(dir.resolve("ca.key")).startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8 PEM");
        assertTrue(Files.readString(dir.resolve("ca.crt")).startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void secondCreateIsRefusedAndLeavesTheFirstCaIntact() throws Exception {
        FleetCa first = FleetCa.create(dir, "Bostøtte Test");
        byte[] key = Files.readAllBytes(dir.resolve("ca.key"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FleetCa.create(dir, "Other"));

        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(key, Files.readAllBytes(dir.resolve("ca.key")));
        assertArrayEquals(first.certificate().getEncoded(), FleetCa.load(dir).certificate().getEncoded());
    }

    @Test
    void caCertificateIsASelfSignedP256RootThatCannotDelegate() throws Exception {
        X509Certificate ca = FleetCa.create(dir, "Bostøtte Test").certificate();

        ca.verify(ca.getPublicKey());
        assertEquals("SHA256withECDSA", ca.getSigAlgName());
        assertEquals(0, ca.getBasicConstraints(), "CA:true with pathlen 0");
        boolean[] usage = ca.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertEquals(256, ((java.security.interfaces.ECPublicKey) ca.getPublicKey()).getParams().getOrder().bitLength());
        Instant twentyYears = Instant.now().plus(Duration.ofDays(20 * 365));
        assertTrue(ca.getNotAfter().toInstant().isAfter(twentyYears.minus(Duration.ofDays(1))));
    }

    @Test
    void loadingAMissingCaSaysToRunInitCa() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FleetCa.load(dir));
        assertTrue(e.getMessage().contains("init-ca"), e.getMessage());
    }

    @Test
    void loadingACaKeyThatBelongsToAnotherCaIsRefused(@TempDir Path other) throws Exception {
        FleetCa.create(dir, "Bostøtte Test");
        FleetCa.create(other, "Bostøtte Test");
        Files.copy(other.resolve("ca.key"), dir.resolve("ca.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        PkiException e = assertThrows(PkiException.class, () -> FleetCa.load(dir));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }
}
