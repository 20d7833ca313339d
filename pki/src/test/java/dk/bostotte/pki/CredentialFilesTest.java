package dk.bostotte.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {

    @TempDir
    Path dir;

    @Test
    void pemKeyIsOwnerOnlyAndReadsBackAsTheSameKey() throws Exception {
        IssuedCredential credential = FleetCa.create(dir.resolve("pki"), "Test").issueOperator("ops", Duration.ofDays(1));
        credential.writePem(dir.resolve("k.pem"), dir.resolve("c.pem"));

        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("k.pem")));
        PrivateKey key = Pem.readPrivateKey(dir.resolve("k.pem"));
        assertArrayEquals(credential.key().getEncoded(), key.getEncoded());
        assertArrayEquals(credential.certificate().getEncoded(), Pem.readCertificate(dir.resolve("c.pem")).getEncoded());
        // The key read back still signs for the certificate's public key.
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(credential.certificate());
        verifier.update(new byte[] {1, 2, 3});
        assertEquals(true, verifier.verify(signer.sign()));
    }

    @Test
    void rewritingAKeyFileTightensItsMode() throws Exception {
        IssuedCredential credential = FleetCa.create(dir.resolve("pki"), "Test").issueOperator("ops", Duration.ofDays(1));
        Path key = Files.writeString(dir.resolve("k.pem"), "old");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        credential.writePem(key, dir.resolve("c.pem"));

        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
    }

    @Test
    void serverKeystoreOpensWithThePasswordFromItsPasswordFile() throws Exception {
        FleetCa ca = FleetCa.create(dir, "Test");
        ServerTls.writeServerKeystore(ca, dir, List.of("localhost"), List.of("127.0.0.1"));

        Path passwordFile = dir.resolve("server.p12.password");
        String stored = Files.readString(passwordFile);
        assertEquals(24, stored.length(), "24 URL-safe characters, no newline");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(passwordFile));
        char[] password = ServerTls.readKeystorePassword(dir);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            store.load(in, password);
        }
        Certificate[] chain = store.getCertificateChain("server");
        assertEquals(2, chain.length);
        assertArrayEquals(ca.certificate().getEncoded(), chain[1].getEncoded());
        assertEquals(chain[0], Pem.readCertificate(dir.resolve("server.crt")));
        assertEquals(CertificateRole.SERVER, CertificateRole.of((X509Certificate) chain[0]).orElseThrow());
        assertFalse(store.getKey("server", password) == null);
    }
}
