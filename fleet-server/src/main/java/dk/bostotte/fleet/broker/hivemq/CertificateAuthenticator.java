package dk.bostotte.fleet.broker.hivemq;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.auth.AccessDecision;
import dk.bostotte.fleet.broker.auth.AccessPolicy;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Admits a client only on the access policy's word; remembers the grant for the authorizer. */
final class CertificateAuthenticator implements SimpleAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(CertificateAuthenticator.class);

    private final AccessPolicy policy;
    private final GrantStore grants;
    private final BrokerEvents events;

    CertificateAuthenticator(AccessPolicy policy, GrantStore grants, BrokerEvents events) {
        this.policy = policy;
        this.grants = grants;
        this.events = events;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String clientId = input.getClientInformation().getClientId();
        var certificate = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate);
        AccessDecision decision = policy.decide(clientId, certificate);
        if (decision instanceof AccessDecision.Granted granted) {
            grants.put(input.getConnectionInformation(), granted);
            output.authenticateSuccessfully();
            return;
        }
        String reason = ((AccessDecision.Refused) decision).reason();
        String from = input.getConnectionInformation().getInetAddress().map(Object::toString).orElse("?");
        log.warn("refused connection of client '{}' from {}: {}", clientId, from, reason);
        events.onRefused(clientId, "connect", reason);
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, reason);
    }

}
