package dk.bostotte.fleet.config;

import java.time.Duration;
import java.util.List;

/**
 * Call settings: how long a device rings before the call counts as missed, how long media may take
 * to connect once answered, and the ICE servers handed to both sides. TURN credentials follow the
 * TURN REST convention (coturn's {@code use-auth-secret}) with {@code turnSecret}, valid for {@code turnTtl}.
 */
public record CallConfig(Duration ringTimeout, Duration connectTimeout, List<String> stunUrls, List<String> turnUrls,
                         String turnSecret, Duration turnTtl) {

    public CallConfig {
        stunUrls = List.copyOf(stunUrls);
        turnUrls = List.copyOf(turnUrls);
        if (!turnUrls.isEmpty() && turnSecret.isBlank()) {
            throw new IllegalArgumentException("call.turn.urls is set but call.turn.secret is empty");
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
