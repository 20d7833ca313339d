package dk.bostotte.fleet.ingest;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.fleet.broker.IngestOutcome;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.codec.Decoded;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.DeviceCallSignal;
import dk.bostotte.protocol.message.ProtocolMessage;
import dk.bostotte.protocol.message.ReportedConfig;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Routes what the broker reports: call signals to calls (relayed at once, not stored), every other
 * message through the ingest and, once journaled, command results and reported config on to
 * commands in the form the ingest decoded; connections to presence, refusals to metrics.
 */
public final class DeviceMessageRouter implements BrokerEvents {

    /**
     * Who hears what besides the store: calls, commands and presence. Functions rather than those
     * services, because they depend on the ingest (through presence) and this must not depend on them.
     */
    public record Receivers(BiConsumer<DeviceId, DeviceCallSignal> callSignals,
                            BiConsumer<DeviceId, CommandResult> commandResults,
                            BiConsumer<DeviceId, ReportedConfig> configReports,
                            Connected connected, Disconnected disconnected) {
    }

    @FunctionalInterface
    public interface Connected {
        void connected(String clientId, Instant at, Optional<InetAddress> from);
    }

    @FunctionalInterface
    public interface Disconnected {
        void disconnected(String clientId, Instant at, String reason);
    }

    private final IngestService ingest;
    private final FleetMetrics metrics;
    private final MessageCodec codec;
    private final Receivers to;

    public DeviceMessageRouter(IngestService ingest, FleetMetrics metrics, MessageCodec codec, Receivers to) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.codec = codec;
        this.to = to;
    }

    @Override
    public IngestOutcome onDeviceMessage(DeviceMessage message) {
        if (message.channel() == Channel.CALL_DEVICE) {
            return relay(message);
        }
        IngestOutcome outcome = ingest.ingest(message);
        Optional<ProtocolMessage> stored = outcome.decoded();
        if (stored.isPresent() && stored.get() instanceof CommandResult r) {
            to.commandResults().accept(message.device(), r);
        } else if (stored.isPresent() && stored.get() instanceof ReportedConfig c) {
            to.configReports().accept(message.device(), c);
        }
        return outcome;
    }

    /** Signalling is relayed at once, not stored as telemetry; a bad signal is kept like any rejected message. */
    private IngestOutcome relay(DeviceMessage message) {
        Decoded<DeviceCallSignal> signal = codec.decode(DeviceCallSignal.class, message.payload());
        if (signal instanceof Decoded.Failed<DeviceCallSignal> failed) {
            return ingest.reject(message, failed.error());
        }
        metrics.messageIn(message.channel().suffix());
        to.callSignals().accept(message.device(), signal.orThrow());
        return IngestOutcome.ACCEPTED;
    }

    @Override
    public void onConnected(String clientId, Instant at, Optional<InetAddress> from) {
        to.connected().connected(clientId, at, from);
    }

    @Override
    public void onDisconnected(String clientId, Instant at, String reason) {
        to.disconnected().disconnected(clientId, at, reason);
    }

    @Override
    public void onRefused(String clientId, String what, String reason) {
        metrics.accessRefused(what);
    }
}
