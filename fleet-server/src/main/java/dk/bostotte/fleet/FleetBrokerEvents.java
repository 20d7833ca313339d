package dk.bostotte.fleet;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.fleet.broker.IngestOutcome;
import dk.bostotte.fleet.ingest.IngestService;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.fleet.calls.CallService;
import dk.bostotte.fleet.commands.CommandService;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.codec.Decoded;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.DeviceCallSignal;
import java.time.Instant;

/** Routes what the broker reports: call signals to calls, other messages to the ingest, connections to presence, refusals to metrics. */
final class FleetBrokerEvents implements BrokerEvents {

    private final IngestService ingest;
    private final PresenceService presence;
    private final FleetMetrics metrics;
    private final MessageCodec codec;
    private volatile CallService calls;
    private volatile CommandService commands;

    FleetBrokerEvents(IngestService ingest, PresenceService presence, FleetMetrics metrics, MessageCodec codec) {
        this.ingest = ingest;
        this.presence = presence;
        this.metrics = metrics;
        this.codec = codec;
    }

    /** Calls start after the broker (they publish through it); signals before that are refused as busy. */
    void callsReady(CallService calls) {
        this.calls = calls;
    }

    @Override
    public IngestOutcome onDeviceMessage(DeviceMessage message) {
        if (message.channel() == Channel.CALL_DEVICE) {
            // Signalling is relayed at once, not stored as telemetry; a bad signal is kept like any rejected message.
            Decoded<DeviceCallSignal> signal = codec.decode(DeviceCallSignal.class, message.payload());
            if (signal instanceof Decoded.Failed<DeviceCallSignal> failed) {
                return ingest.reject(message, failed.error());
            }
            CallService c = calls;
            if (c == null) {
                return IngestOutcome.busy("calls are not ready yet");
            }
            metrics.messageIn(message.channel().suffix());
            c.fromDevice(message.device(), signal.orThrow());
            return IngestOutcome.ACCEPTED;
        }
        IngestOutcome outcome = ingest.ingest(message);
        CommandService c = commands;
        if (message.channel() == Channel.COMMAND_RESULT && outcome == IngestOutcome.ACCEPTED && c != null) {
            codec.decode(CommandResult.class, message.payload()).fold(r -> {
                c.resultStored(message.device(), r);
                return null;
            }, e -> null);
        }
        if (message.channel() == Channel.CONFIG_REPORTED && outcome == IngestOutcome.ACCEPTED && c != null) {
            codec.decode(dk.bostotte.protocol.message.ReportedConfig.class, message.payload()).fold(r -> {
                c.configReported(message.device(), r);
                return null;
            }, e -> null);
        }
        return outcome;
    }

    void commandsReady(CommandService commands) {
        this.commands = commands;
    }

    @Override
    public void onConnected(String clientId, Instant at, java.util.Optional<java.net.InetAddress> from) {
        presence.connected(clientId, at, from);
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
