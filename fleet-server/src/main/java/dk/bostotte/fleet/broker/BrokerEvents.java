package dk.bostotte.fleet.broker;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/** What the broker reports to the rest of the server. */
public interface BrokerEvents {

    /**
     * A device published on one of its channels. Called on the publish path, before the broker
     * acknowledges: ACCEPTED means the message is journaled and will be stored (the PUBACK may go),
     * INVALID is answered with "payload format invalid", BUSY with "try again later". Must not block.
     */
    IngestOutcome onDeviceMessage(DeviceMessage message);

    /** A client was admitted; {@code from} is the address it connected from, when the broker knows it. */
    void onConnected(String clientId, Instant at, Optional<InetAddress> from);

    void onDisconnected(String clientId, Instant at, String reason);

    /** A connection, publish or subscription the access policy refused. */
    void onRefused(String clientId, String what, String reason);
}
