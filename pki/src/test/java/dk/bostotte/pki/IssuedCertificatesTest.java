package dk.bostotte.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.DeviceId;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuedCertificatesTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path dir;
    FleetCa ca;
    DeviceId id = DeviceId.random(new SecureRandom());

    @BeforeEach
    void createCa() {
        ca = FleetCa.create(dir, "Bostøtte Test");
    }

    @Test
    void deviceCertificateChainsToTheFleetCa() throws Exception {
        X509Certificate device = ca.issueDevice(id, Duration.ofDays(30)).certificate();

        device.verify(ca.certificate().getPublicKey());
        pkixValidate(device, ca.certificate());
    }

    @Test
    void deviceCertificateFromAnotherCaFailsPkixValidation(@TempDir Path otherDir) throws Exception {
        X509Certificate foreign = FleetCa.create(otherDir, "Other").issueDevice(id, Duration.ofDays(30)).certificate();

        assertThrows(CertPathValidatorException.class, () -> pkixValidate(foreign, ca.certificate()));
    }

    @Test
    void deviceCertificateNamesTheDeviceAndIsForClientAuthOnly() throws Exception {
        X509Certificate device = ca.issueDevice(id, Duration.ofDays(30)).certificate();

        assertEquals("CN=" + id + ",OU=devices,O=Bostøtte Test", device.getSubjectX500Principal().getName());
        assertEquals(List.of(CLIENT_AUTH), device.getExtendedKeyUsage());
        assertTrue(device.getKeyUsage()[0], "digitalSignature");
        assertEquals(-1, device.getBasicConstraints(), "not a CA");
        assertEquals(Optional.of(CertificateRole.DEVICE), CertificateRole.of(device));
        assertEquals(Optional.of(id.value()), CertificateRole.commonName(device));
    }

    @Test
    void fingerprintIsSha256OfTheDerEncodingInLowercaseHex() throws Exception {
        IssuedCredential credential = ca.issueDevice(id, Duration.ofDays(30));

        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(credential.certificate().getEncoded()));
        assertEquals(expected, credential.fingerprint());
        assertTrue(credential.fingerprint().matches("[0-9a-f]{64}"), credential.fingerprint());
    }

    @Test
    void serialNumbersArePositive128BitAndDistinct() {
        BigInteger a = ca.issueDevice(id, Duration.ofDays(1)).certificate().getSerialNumber();
        BigInteger b = ca.issueDevice(id, Duration.ofDays(1)).certificate().getSerialNumber();

        assertEquals(1, a.signum());
        assertEquals(128, a.bitLength());
        assertFalse(a.equals(b));
    }

    @Test
    void everyIssuanceIsAppendedToTheIssuedLog() throws Exception {
        IssuedCredential device = ca.issueDevice(id, Duration.ofDays(30));
        IssuedCredential operator = ca.issueOperator("anna", Duration.ofDays(30));

        List<String> lines = Files.readAllLines(dir.resolve("issued.csv"));
        assertEquals("serial_hex,role,subject_cn,sha256_fingerprint,not_after_iso,issued_at_iso", lines.get(0));
        assertEquals(3, lines.size());
        String[] row = lines.get(1).split(",");
        assertEquals(device.certificate().getSerialNumber().toString(16), row[0]);
        assertEquals("device", row[1]);
        assertEquals(id.value(), row[2]);
        assertEquals(device.fingerprint(), row[3]);
        assertEquals(device.certificate().getNotAfter().toInstant().toString(), row[4]);
        assertTrue(lines.get(2).contains(",operator,operator-anna," + operator.fingerprint() + ","));
    }

    @Test
    void serverCertificateCarriesTheRequestedNamesForServerAuth() throws Exception {
        X509Certificate server = ca.issueServer(List.of("localhost", "fleet.example.dk"), List.of("127.0.0.1", "::1"),
                Duration.ofDays(30)).certificate();

        Collection<List<?>> sans = server.getSubjectAlternativeNames();
        List<List<?>> expected = List.of(List.of(2, "localhost"), List.of(2, "fleet.example.dk"),
                List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertEquals(expected, new ArrayList<>(sans));
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        assertEquals(Optional.of(CertificateRole.SERVER), CertificateRole.of(server));
        assertEquals(Optional.of("fleet-server"), CertificateRole.commonName(server));
        pkixValidate(server, ca.certificate());
    }

    @Test
    void serverCertificateWithAMistypedAddressIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ca.issueServer(List.of("localhost"), List.of("127.0.0.300"), Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("127.0.0.300"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ca.issueServer(List.of("bad name"), List.of(), Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> ca.issueServer(List.of(), List.of(), Duration.ofDays(1)));
    }

    @Test
    void operatorCertificateIsForClientAuthUnderOperators() throws Exception {
        X509Certificate operator = ca.issueOperator("anna-2", Duration.ofDays(30)).certificate();

        assertEquals(Optional.of("operator-anna-2"), CertificateRole.commonName(operator));
        assertEquals(Optional.of(CertificateRole.OPERATOR), CertificateRole.of(operator));
        assertEquals(List.of(CLIENT_AUTH), operator.getExtendedKeyUsage());
        pkixValidate(operator, ca.certificate());
    }

    @Test
    void operatorNamesOutsideTheSafeAlphabetAreRefusedWithAReason() {
        for (String bad : List.of("", "Anna", "-anna", "anna smith", "anna,ou=devices", "a".repeat(32))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ca.issueOperator(bad, Duration.ofDays(1)), bad);
            assertTrue(e.getMessage().contains("operator name"), e.getMessage());
        }
        ca.issueOperator("a".repeat(31), Duration.ofDays(1));
        ca.issueOperator("0ps", Duration.ofDays(1));
    }

    @Test
    void caCertificateItselfHasNoFleetRole() {
        assertEquals(Optional.empty(), CertificateRole.of(ca.certificate()));
    }

    static void pkixValidate(X509Certificate leaf, X509Certificate trustAnchor) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(trustAnchor, null)));
        params.setRevocationEnabled(false);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), params);
    }
}
