package dk.bostotte.pki;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/** Validates and encodes a server's DNS names and IP addresses, so a typo fails at issuance, not at TLS handshake. */
final class SubjectAltNames {

    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String DNS_NAME = "(\\*\\.)?" + LABEL + "(\\." + LABEL + ")*";

    private SubjectAltNames() {
    }

    static GeneralNames of(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : dnsNames == null ? List.<String>of() : dnsNames) {
            if (dns == null || dns.length() > 253 || !dns.matches(DNS_NAME)) {
                throw new IllegalArgumentException("not a DNS name: " + dns);
            }
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : ipAddresses == null ? List.<String>of() : ipAddresses) {
            if (ip == null || !IPAddress.isValid(ip)) {
                throw new IllegalArgumentException("not an IP address: " + ip);
            }
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }
}
