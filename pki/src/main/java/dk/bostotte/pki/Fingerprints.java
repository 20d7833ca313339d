package dk.bostotte.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Certificate fingerprints as the fleet inventory stores them. */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** Lowercase hex SHA-256 of the DER encoding, without separators (64 characters). */
    public static String sha256Hex(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new PkiException("cannot fingerprint certificate", e);
        }
    }
}
