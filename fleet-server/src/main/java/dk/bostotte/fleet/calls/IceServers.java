package dk.bostotte.fleet.calls;

import dk.bostotte.fleet.config.CallConfig;
import dk.bostotte.protocol.message.IceServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers for one participant of a call. TURN credentials follow the TURN REST convention
 * that coturn's {@code use-auth-secret} checks: user name {@code <expiry unix seconds>:<who>},
 * password base64(HMAC-SHA1(secret, user name)). They expire, so a leaked one is useless tomorrow.
 */
public final class IceServers {

    private final CallConfig config;
    private final Clock clock;

    public IceServers(CallConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public List<IceServer> forParticipant(String who) {
        List<IceServer> servers = new ArrayList<>();
        if (!config.stunUrls().isEmpty()) {
            servers.add(new IceServer(config.stunUrls(), null, null));
        }
        if (!config.turnUrls().isEmpty()) {
            long expiry = clock.instant().plus(config.turnTtl()).getEpochSecond();
            String username = expiry + ":" + who;
            servers.add(new IceServer(config.turnUrls(), username, turnPassword(config.turnSecret(), username)));
        }
        return servers;
    }

    static String turnPassword(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
