package dk.bostotte.pki;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** What a fleet certificate is for, as recorded in its subject's OU. */
public enum CertificateRole {
    DEVICE("devices"),
    OPERATOR("operators"),
    SERVER("servers");

    private final String organisationalUnit;

    CertificateRole(String organisationalUnit) {
        this.organisationalUnit = organisationalUnit;
    }

    /** The OU value written into certificates of this role. */
    public String organisationalUnit() {
        return organisationalUnit;
    }

    public static Optional<CertificateRole> of(X509Certificate certificate) {
        return attribute(certificate, BCStyle.OU).flatMap(ou -> Arrays.stream(values())
                .filter(r -> r.organisationalUnit.equals(ou))
                .findFirst());
    }

    public static Optional<String> commonName(X509Certificate certificate) {
        return attribute(certificate, BCStyle.CN);
    }

    /** Organisation (O) of the subject. */
    static Optional<String> organisation(X509Certificate certificate) {
        return attribute(certificate, BCStyle.O);
    }

    private static Optional<String> attribute(X509Certificate certificate, ASN1ObjectIdentifier type) {
        // Parse the DER rather than the JDK's string form, which would need unescaping.
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] rdns = subject.getRDNs(type);
        if (rdns.length != 1) {
            return Optional.empty();
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        // ASN1String gives the raw text; valueToString would RFC 4514-escape commas and the like.
        return Optional.of(value instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(value));
    }
}
