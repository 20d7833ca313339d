package dk.bostotte.fleet.broker.hivemq;

import dk.bostotte.fleet.broker.BrokerEvents;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import java.time.Instant;

/**
 * Presence from the broker's own view of connections: a disconnect, a lost TCP connection or a
 * missed keep-alive (1.5 x the keep-alive, as MQTT specifies) all end here.
 */
final class PresenceEventListener implements ClientLifecycleEventListener {

    private final BrokerEvents events;
    private final GrantStore grants;

    PresenceEventListener(BrokerEvents events, GrantStore grants) {
        this.events = events;
        this.grants = grants;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        events.onConnected(input.getClientInformation().getClientId(), Instant.now(),
                input.getConnectionInformation().getInetAddress());
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        boolean wasAdmitted = grants.get(input.getConnectionInformation()).isPresent();
        grants.remove(input.getConnectionInformation());
        if (wasAdmitted) {
            String reason = input.getReasonString().orElse(input.getReasonCode().map(Enum::name).orElse("connection closed"));
            events.onDisconnected(input.getClientInformation().getClientId(), Instant.now(), reason);
        }
    }
}
