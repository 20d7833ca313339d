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

    static CallConfig load(Settings s) {
        return new CallConfig(
                Duration.ofSeconds(s.getInt("call.ring.timeout.s", 45, 5, 600)),
                Duration.ofSeconds(s.getInt("call.connect.timeout.s", 20, 3, 120)),
                s.getList("call.stun.urls"),
                s.getList("call.turn.urls"),
                s.get("call.turn.secret", ""),
                Duration.ofSeconds(s.getInt("call.turn.ttl.s", 3600, 60, 86_400)),
                icePolicy(s.get("call.ice.transport.policy", "all")));
    }

    private static IceTransportPolicy icePolicy(String raw) {
        try {
            return IceTransportPolicy.fromWire(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting call.ice.transport.policy=" + raw + " must be all or relay");
        }
    }

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
