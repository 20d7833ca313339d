package dk.bostotte.fleet.broker.hivemq;

import dk.bostotte.fleet.broker.auth.AccessDecision;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each live connection was granted at connect. Keyed by the connection's attribute store so a
 * reconnect with the same client id never inherits a stale grant.
 */
final class GrantStore {

    private static final String KEY = "bostotte.grant";
    private final Map<String, AccessDecision.Granted> grants = new ConcurrentHashMap<>();

    void put(ConnectionInformation connection, AccessDecision.Granted grant) {
        String token = UUID.randomUUID().toString();
        connection.getConnectionAttributeStore().putAsString(KEY, token);
        grants.put(token, grant);
    }

    Optional<AccessDecision.Granted> get(ConnectionInformation connection) {
        return connection.getConnectionAttributeStore().getAsString(KEY).map(grants::get);
    }

    void remove(ConnectionInformation connection) {
        connection.getConnectionAttributeStore().getAsString(KEY).ifPresent(grants::remove);
    }
}
