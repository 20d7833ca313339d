package dk.bostotte.fleet;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.fleet.broker.IngestOutcome;
import dk.bostotte.fleet.ingest.IngestService;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.presence.PresenceService;
import java.time.Instant;

/** Routes what the broker reports: messages to the ingest, connections to presence, refusals to metrics. */
final class FleetBrokerEvents implements BrokerEvents {

    private final IngestService ingest;
    private final PresenceService presence;
    private final FleetMetrics metrics;

    FleetBrokerEvents(IngestService ingest, PresenceService presence, FleetMetrics metrics) {
        this.ingest = ingest;
        this.presence = presence;
        this.metrics = metrics;
    }

    @Override
    public IngestOutcome onDeviceMessage(DeviceMessage message) {
        return ingest.ingest(message);
    }

    @Override
    public void onConnected(String clientId, Instant at) {
        presence.connected(clientId, at);
    }

    @Override
    public void onDisconnected(String clientId, Instant at, String reason) {
        presence.disconnected(clientId, at, reason);
    }

    @Override
    public void onRefused(String clientId, String what, String reason) {
        metrics.accessRefused(what);
    }
}
