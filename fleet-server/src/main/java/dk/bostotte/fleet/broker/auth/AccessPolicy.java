package dk.bostotte.fleet.broker.auth;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import dk.bostotte.pki.CertificateRole;
import dk.bostotte.pki.Fingerprints;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who may connect and what they may touch. A device is admitted only with a certificate
 * issued by the fleet CA, still valid, enrolled and not revoked, whose CN equals the MQTT client id;
 * it may publish and subscribe only in its own subtree. An operator certificate may only read every
 * device's state, status and telemetry. Everything else is denied.
 */
public final class AccessPolicy {

    private final X509Certificate fleetCa;
    private final CredentialRegistry registry;
    private final Clock clock;

    public AccessPolicy(X509Certificate fleetCa, CredentialRegistry registry, Clock clock) {
        this.fleetCa = fleetCa;
        this.registry = registry;
        this.clock = clock;
    }

    public AccessDecision decide(String clientId, Optional<X509Certificate> clientCertificate) {
        if (clientCertificate.isEmpty()) {
            return new AccessDecision.Refused("no client certificate");
        }
        X509Certificate cert = clientCertificate.get();
        try {
            cert.verify(fleetCa.getPublicKey());
            cert.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            return new AccessDecision.Refused("certificate not valid for this fleet: " + e.getMessage());
        }
        String cn = CertificateRole.commonName(cert).orElse("");
        if (!cn.equals(clientId)) {
            return new AccessDecision.Refused("client id '" + clientId + "' differs from certificate CN '" + cn + "'");
        }
        Optional<CertificateRole> role = CertificateRole.of(cert);
        if (role.isEmpty()) {
            return new AccessDecision.Refused("certificate has no fleet role");
        }
        return switch (role.get()) {
            case DEVICE -> decideDevice(cn, cert);
            case OPERATOR -> new AccessDecision.Granted(AccessDecision.Role.OPERATOR, clientId, Set.of(),
                    Set.copyOf(Topics.operatorReadable()));
            case SERVER -> new AccessDecision.Refused("a server certificate may not connect as a client");
        };
    }

    private AccessDecision decideDevice(String cn, X509Certificate cert) {
        Optional<DeviceId> id = DeviceId.parse(cn).filter(d -> d.value().equals(cn));
        if (id.isEmpty()) {
            return new AccessDecision.Refused("certificate CN '" + cn + "' is not a device id");
        }
        Optional<String> refusal = registry.refusalFor(id.get(), Fingerprints.sha256Hex(cert));
        if (refusal.isPresent()) {
            return new AccessDecision.Refused(refusal.get());
        }
        return new AccessDecision.Granted(AccessDecision.Role.DEVICE, cn,
                Set.copyOf(Topics.publishableBy(id.get())), Set.copyOf(Topics.subscribableBy(id.get())));
    }
}
