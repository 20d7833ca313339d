package dk.bostotte.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** A freshly issued key pair and certificate, with the CA certificate that signed it. */
public record IssuedCredential(PrivateKey key, X509Certificate certificate, X509Certificate ca) {

    public String fingerprint() {
        return Fingerprints.sha256Hex(certificate);
    }

    /** Writes the key (mode 0600) and the certificate as PEM. */
    public void writePem(Path keyFile, Path certFile) {
        Pem.writePrivateKey(keyFile, key);
        Pem.writeCertificate(certFile, certificate);
    }

    /** Writes a PKCS#12 keystore holding one key entry with the chain [certificate, ca]; mode 0600. */
    public void writePkcs12(Path file, char[] password, String alias) {
        PrivateFiles.replace(file, pkcs12(password, alias));
    }

    private byte[] pkcs12(char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, new Certificate[] {certificate, ca});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot build PKCS#12 keystore", e);
        }
    }
}
