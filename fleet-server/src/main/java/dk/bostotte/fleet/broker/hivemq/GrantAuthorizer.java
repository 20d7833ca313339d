package dk.bostotte.fleet.broker.hivemq;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.auth.AccessDecision;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every publish and subscribe is checked against the connection's grant; default DENY. */
final class GrantAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(GrantAuthorizer.class);

    private final GrantStore grants;
    private final BrokerEvents events;

    GrantAuthorizer(GrantStore grants, BrokerEvents events) {
        this.grants = grants;
        this.events = events;
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String topic = input.getPublishPacket().getTopic();
        Optional<AccessDecision.Granted> grant = grants.get(input.getConnectionInformation());
        if (grant.isPresent() && grant.get().mayPublish(topic)) {
            output.authorizeSuccessfully();
            return;
        }
        String clientId = input.getClientInformation().getClientId();
        if (grant.isEmpty()) {
            // The connection is already closing (its grant went with it): nothing to report.
            log.debug("publish by '{}' to '{}' after its connection closed", clientId, topic);
        } else {
            log.warn("refused publish by '{}' to '{}'", clientId, topic);
            events.onRefused(clientId, "publish", "not allowed to publish to " + topic);
        }
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not allowed to publish to " + topic);
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        Optional<AccessDecision.Granted> grant = grants.get(input.getConnectionInformation());
        if (grant.isPresent() && grant.get().maySubscribe(filter)) {
            output.authorizeSuccessfully();
            return;
        }
        String clientId = input.getClientInformation().getClientId();
        log.warn("refused subscription by '{}' to '{}'", clientId, filter);
        events.onRefused(clientId, "subscribe", "not allowed to subscribe to " + filter);
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not allowed to subscribe to " + filter);
    }
}
