package dk.bostotte.fleet.ingest;

import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.fleet.broker.IngestOutcome;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.DecodeError;
import dk.bostotte.protocol.codec.Decoded;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.protocol.message.DeviceStatus;
import dk.bostotte.protocol.message.ProtocolMessage;
import dk.bostotte.protocol.message.ReportedConfig;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes what devices publish and hands it to the {@link BatchWriter}. A payload that fails
 * validation is counted by reason, kept in {@code rejected_message} and answered as invalid; it
 * never stops the device's next message from being stored.
 */
public final class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final MessageCodec codec;
    private final BatchWriter writer;
    private final FleetMetrics metrics;

    public IngestService(MessageCodec codec, BatchWriter writer, FleetMetrics metrics) {
        this.codec = codec;
        this.writer = writer;
        this.metrics = metrics;
    }

    public CompletionStage<IngestOutcome> ingest(DeviceMessage m) {
        metrics.messageIn(m.channel().suffix());
        Decoded<ProtocolMessage> decoded = codec.decode(m.channel(), m.payload());
        if (decoded instanceof Decoded.Failed<ProtocolMessage> failed) {
            return reject(m, failed.error());
        }
        ProtocolMessage msg = decoded.orThrow();
        WriteOp op;
        if (msg instanceof TelemetryBatch t) {
            op = new WriteOp.Telemetry(m.device(), t.samples(), m.receivedAt());
        } else if (msg instanceof DeviceStatus s) {
            op = new WriteOp.Status(m.device(), s, m.receivedAt());
        } else if (msg instanceof DeviceState s) {
            op = new WriteOp.State(m.device(), s, m.receivedAt());
        } else if (msg instanceof CommandResult r) {
            op = new WriteOp.Result(m.device(), r, m.receivedAt());
        } else if (msg instanceof ReportedConfig c) {
            op = new WriteOp.ConfigReport(m.device(), c, m.receivedAt());
        } else {
            return reject(m, new DecodeError(DecodeError.Reason.INVALID_VALUE, null, "not accepted from a device"));
        }
        return writer.submit(op).thenApply(n -> IngestOutcome.STORED);
    }

    private CompletionStage<IngestOutcome> reject(DeviceMessage m, DecodeError error) {
        metrics.messageRejected(error.reason().label());
        String topic = Topics.of(m.device(), m.channel());
        log.warn("rejected message from {} on {}: {}", m.device(), topic, error.message());
        WriteOp.Rejection rejection = new WriteOp.Rejection(m.device(), topic, error.reason().label(), error.message(),
                m.payload(), m.receivedAt());
        return writer.submit(rejection).thenApply(n -> IngestOutcome.rejected(error.message()));
    }
}
