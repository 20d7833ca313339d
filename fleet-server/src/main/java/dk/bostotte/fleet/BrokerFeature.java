package dk.bostotte.fleet;

import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.broker.auth.AccessPolicy;
import dk.bostotte.fleet.broker.hivemq.EmbeddedHiveMqBroker;
import dk.bostotte.fleet.calls.CallService;
import dk.bostotte.fleet.commands.CommandService;
import dk.bostotte.fleet.config.MqttConfig;
import dk.bostotte.fleet.ingest.DeviceMessageRouter;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.protocol.codec.MessageCodec;
import java.nio.file.Path;

/** The embedded broker, built before the services that publish through it and started once they exist. */
final class BrokerFeature {

    private BrokerFeature() {
    }

    static FleetBroker create(MqttConfig config, Path dataDir, ServerPki pki, AccessPolicy access) {
        return new EmbeddedHiveMqBroker(new EmbeddedHiveMqBroker.Settings(dataDir.resolve("broker"), config.host(),
                config.port(), pki.keystore(), pki.keystorePassword(), pki.fleetCa(), config.maxKeepAliveSeconds()), access);
    }

    /** Starts {@code broker} routing devices' messages to the ingest, calls and commands. */
    static void start(FleetBroker broker, IngestFeature ingest, CallService calls, CommandService commands,
                      FleetMetrics metrics, MessageCodec codec) throws Exception {
        broker.start(new DeviceMessageRouter(ingest.service(), metrics, codec, new DeviceMessageRouter.Receivers(
                calls::fromDevice, commands::resultStored, commands::configReported,
                ingest.presence()::connected, ingest.presence()::disconnected)));
    }
}
