package dk.bostotte.fleet.config;

import dk.bostotte.protocol.message.CallSignal.IceTransportPolicy;
import java.time.Duration;
import java.util.List;

/**
 * Call settings: how long a device rings before the call counts as missed, how long media may take
 * to connect once answered, and the ICE servers handed to both sides. TURN credentials follow the
 * TURN REST convention (coturn's {@code use-auth-secret}) with {@code turnSecret}, valid for {@code turnTtl}.
 * {@code icePolicy} {@code RELAY} makes both sides send media only through TURN.
 */
public record CallConfig(Duration ringTimeout, Duration connectTimeout, List<String> stunUrls, List<String> turnUrls,
                         String turnSecret, Duration turnTtl, IceTransportPolicy icePolicy) {

    public CallConfig(Duration ringTimeout, Duration connectTimeout, List<String> stunUrls, List<String> turnUrls,
                      String turnSecret, Duration turnTtl) {
        this(ringTimeout, connectTimeout, stunUrls, turnUrls, turnSecret, turnTtl, IceTransportPolicy.ALL);
    }

    public CallConfig {
        stunUrls = List.copyOf(stunUrls);
        turnUrls = List.copyOf(turnUrls);
        if (!turnUrls.isEmpty() && turnSecret.isBlank()) {
            throw new IllegalArgumentException("call.turn.urls is set but call.turn.secret is empty");
        }
        if (icePolicy == IceTransportPolicy.RELAY && turnUrls.isEmpty()) {
            // Relay-only with no relay would fail every call at ICE; refuse at start-up instead.
            throw new IllegalArgumentException("call.ice.transport.policy=relay needs call.turn.urls");
        }
        for (String url : stunUrls) {
            if (!url.startsWith("stun:")) {
                throw new IllegalArgumentException("call.stun.urls: '" + url + "' does not start with stun:");
            }
        }
        for (String url : turnUrls) {
            if (!url.startsWith("turn:") && !url.startsWith("turns:")) {
                throw new IllegalArgumentException("call.turn.urls: '" + url + "' does not start with turn: or turns:");
            }
        }
    }
}
