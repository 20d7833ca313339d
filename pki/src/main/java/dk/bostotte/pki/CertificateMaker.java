package dk.bostotte.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds the fleet's certificates with BouncyCastle, signing through the JDK's own EC provider. */
final class CertificateMaker {

    static final String SIGNATURE = "SHA256withECDSA";
    /** Backdating absorbs kiosks whose clock runs a little behind the provisioning laptop. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final SecureRandom random;

    CertificateMaker(SecureRandom random) {
        this.random = random;
    }

    KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot generate EC P-256 key pair", e);
        }
    }

    /** Random, positive and exactly 128 bits: unguessable and never colliding in practice. */
    BigInteger randomSerial() {
        return new BigInteger(128, random).setBit(127);
    }

    X509Certificate selfSignedCa(KeyPair keys, X500Name subject, Duration validity) {
        try {
            X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), validity);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot build CA certificate", e);
        }
    }

    /** An end-entity certificate; {@code sans} may be null. */
    X509Certificate leaf(X509Certificate ca, PrivateKey caKey, X500Name subject, PublicKey publicKey,
            Duration validity, KeyPurposeId purpose, GeneralNames sans) {
        try {
            X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = builder(issuer, subject, publicKey, validity);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            return sign(builder, caKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot build certificate for " + subject, e);
        }
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Duration validity) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new JcaX509v3CertificateBuilder(issuer, randomSerial(), Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
        } catch (OperatorCreationException e) {
            throw new PkiException("cannot sign with " + SIGNATURE, e);
        }
    }
}
