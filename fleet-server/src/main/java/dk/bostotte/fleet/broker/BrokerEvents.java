package dk.bostotte.fleet.broker;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** What the broker reports to the rest of the server. */
public interface BrokerEvents {

    /**
     * A device published on one of its channels. The broker acknowledges the publish to the device
     * only when the returned stage completes, so a message is acknowledged only once stored; an
     * exceptional completion makes the device send it again later.
     */
    CompletionStage<IngestOutcome> onDeviceMessage(DeviceMessage message);

    void onConnected(String clientId, Instant at);

    void onDisconnected(String clientId, Instant at, String reason);

    /** A connection, publish or subscription the access policy refused. */
    void onRefused(String clientId, String what, String reason);
}
