package dk.bostotte.fleet.broker;

import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import java.util.concurrent.CompletableFuture;

/**
 * The one seam between the fleet server and MQTT: messages come in through {@link BrokerEvents},
 * commands go out through {@link #publish}. Today an embedded HiveMQ CE; a multi-node mode (an
 * external MQTT 5 cluster consumed through shared subscriptions) would be another implementation
 * of this interface and change nothing else.
 */
public interface FleetBroker extends AutoCloseable {

    /**
     * Starts taking connections, reporting to {@code events}. Given here rather than when built so
     * that what the events reach (calls, commands) can be built with this broker to publish through.
     */
    void start(BrokerEvents events) throws Exception;

    /** Publishes to one device's server-to-device channel, with that channel's QoS and retain flag. */
    CompletableFuture<Void> publish(DeviceId device, Channel channel, byte[] payload);

    /** Disconnects a client now (e.g. its certificate was just revoked). */
    CompletableFuture<Boolean> disconnect(String clientId, String reason);

    boolean isRunning();

    @Override
    void close();
}
