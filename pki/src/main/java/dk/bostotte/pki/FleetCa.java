package dk.bostotte.pki;

import dk.bostotte.protocol.bundle.BundleLayout;
import dk.bostotte.protocol.DeviceId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The fleet's private certificate authority: one self-signed EC P-256 root that directly signs
 * device, operator and server certificates (pathlen 0, so it can never delegate).
 */
public final class FleetCa {

    /** The CA's certificate is named in the PKI directory as in every device's bundle. */
    public static final String CA_CERT = BundleLayout.CA_CERT;
    public static final String CA_KEY = "ca.key";
    public static final String ISSUED_LOG = IssuanceLog.FILE;
    static final Duration CA_VALIDITY = Duration.ofDays(20 * 365 + 5);
    private static final String OPERATOR_NAME = "[a-z0-9][a-z0-9-]{0,30}";

    private final Path dir;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final String organisation;
    private final CertificateMaker maker = new CertificateMaker(new SecureRandom());
    private final IssuanceLog log;

    private FleetCa(Path dir, X509Certificate certificate, PrivateKey key, String organisation) {
        this.dir = dir;
        this.certificate = certificate;
        this.key = key;
        this.organisation = organisation;
        this.log = new IssuanceLog(dir);
    }

    /** Creates a new CA in {@code dir}; refuses if a CA key is already there, so a CA is never silently replaced. */
    public static FleetCa create(Path dir, String organisation) {
        if (organisation == null || organisation.isBlank() || organisation.length() > 64) {
            throw new IllegalArgumentException("organisation must be 1-64 characters: " + organisation);
        }
        Path keyFile = dir.resolve(CA_KEY);
        if (Files.exists(keyFile)) {
            throw new IllegalStateException("a fleet CA already exists: " + keyFile + " (refusing to overwrite it)");
        }
        PrivateFiles.createDirectory(dir);
        CertificateMaker maker = new CertificateMaker(new SecureRandom());
        KeyPair keys = maker.newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, organisation + " Fleet CA")
                .build();
        X509Certificate certificate = maker.selfSignedCa(keys, subject, CA_VALIDITY);
        // Key first, with create-new semantics: a concurrent create loses here instead of overwriting.
        PrivateFiles.createNew(keyFile, Pem.encode(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        Pem.writeCertificate(dir.resolve(CA_CERT), certificate);
        return new FleetCa(dir, certificate, keys.getPrivate(), organisation);
    }

    public static FleetCa load(Path dir) {
        Path keyFile = dir.resolve(CA_KEY);
        if (!Files.exists(keyFile)) {
            throw new IllegalStateException("no fleet CA in " + dir + " (missing " + CA_KEY + "; run `provision init-ca` first)");
        }
        X509Certificate certificate = Pem.readCertificate(dir.resolve(CA_CERT));
        PrivateKey key = Pem.readPrivateKey(keyFile);
        requireMatchingKey(certificate, key, dir);
        String organisation = CertificateRole.organisation(certificate).orElse("");
        return new FleetCa(dir, certificate, key, organisation);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String organisation() {
        return organisation;
    }

    public Path directory() {
        return dir;
    }

    public IssuedCredential issueDevice(DeviceId id, Duration validity) {
        return issue(CertificateRole.DEVICE, id.value(), validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    public IssuedCredential issueOperator(String name, Duration validity) {
        if (name == null || !name.matches(OPERATOR_NAME)) {
            throw new IllegalArgumentException("operator name must match " + OPERATOR_NAME
                    + " (lower-case letters, digits and '-', at most 31 characters): " + name);
        }
        return issue(CertificateRole.OPERATOR, "operator-" + name, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    public IssuedCredential issueServer(List<String> dnsNames, List<String> ipAddresses, Duration validity) {
        return issue(CertificateRole.SERVER, "fleet-server", validity, KeyPurposeId.id_kp_serverAuth,
                SubjectAltNames.of(dnsNames, ipAddresses));
    }

    private IssuedCredential issue(CertificateRole role, String commonName, Duration validity, KeyPurposeId purpose,
            GeneralNames sans) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        // DER order O, OU, CN, which the JDK prints as "CN=..., OU=..., O=...".
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.OU, role.organisationalUnit())
                .addRDN(BCStyle.CN, commonName)
                .build();
        KeyPair keys = maker.newKeyPair();
        X509Certificate issued = maker.leaf(certificate, key, subject, keys.getPublic(), validity, purpose, sans);
        log.append(role, issued);
        return new IssuedCredential(keys.getPrivate(), issued, certificate);
    }

    /** A ca.key from another CA would sign certificates that no device trusts; fail at load instead. */
    private static void requireMatchingKey(X509Certificate certificate, PrivateKey key, Path dir) {
        try {
            byte[] probe = "fleet-ca-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(CertificateMaker.SIGNATURE);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(CertificateMaker.SIGNATURE);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new PkiException(CA_KEY + " does not belong to " + CA_CERT + " in " + dir);
            }
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot check " + CA_KEY + " against " + CA_CERT + " in " + dir, e);
        }
    }
}
