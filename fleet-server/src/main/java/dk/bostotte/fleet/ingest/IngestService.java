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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes what devices publish, journals it and queues it for the {@link BatchWriter}. A payload
 * that fails validation is counted by reason, kept in {@code rejected_message} and answered as
 * invalid; it never stops the device's next message from being stored.
 */
public final class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final MessageCodec codec;
    private final IngestJournal journal;
    private final BatchWriter writer;
    private final FleetMetrics metrics;

    public IngestService(MessageCodec codec, IngestJournal journal, BatchWriter writer, FleetMetrics metrics) {
        this.codec = codec;
        this.journal = journal;
        this.writer = writer;
        this.metrics = metrics;
    }

    /** Hands what an earlier run acknowledged but did not store to the writer; call before the broker starts. */
    public void replayJournal() throws InterruptedException {
        for (IngestJournal.Entry e : journal.recovered()) {
            DeviceMessage m = e.message();
            writer.enqueueWaiting(toWrite(m, codec.decode(m.channel(), m.payload()), false), e.seq());
        }
    }

    /** Decodes, journals and queues a device's message; an accepted one carries what it decoded to. */
    public IngestOutcome ingest(DeviceMessage m) {
        metrics.messageIn(m.channel().suffix());
        Decoded<ProtocolMessage> decoded = codec.decode(m.channel(), m.payload());
        WriteOp op = toWrite(m, decoded, true);
        return journaled(m, op, op instanceof WriteOp.Rejection r
                ? IngestOutcome.invalid(r.detail()) : IngestOutcome.accepted(decoded.orThrow()));
    }

    /**
     * Keeps a message another part of the server refused (e.g. a malformed call signal) with the
     * other rejected messages, counted by reason, and answers it as invalid.
     */
    public IngestOutcome reject(DeviceMessage m, DecodeError error) {
        metrics.messageIn(m.channel().suffix());
        return journaled(m, rejection(m, error, true), IngestOutcome.invalid(error.message()));
    }

    /** Journals {@code m} and queues {@code op}, answering {@code answer}, or busy when the writer has no room. */
    private IngestOutcome journaled(DeviceMessage m, WriteOp op, IngestOutcome answer) {
        // One lock keeps the journal's order and the queue's order the same, so "committed up to
        // record n" is a single number.
        synchronized (journal) {
            if (!writer.hasRoom()) {
                metrics.messageDeferred();
                return IngestOutcome.busy("the server is catching up, send again later");
            }
            writer.enqueue(op, journal.append(m));
        }
        return answer;
    }

    private WriteOp toWrite(DeviceMessage m, Decoded<ProtocolMessage> decoded, boolean live) {
        if (decoded instanceof Decoded.Failed<ProtocolMessage> failed) {
            return rejection(m, failed.error(), live);
        }
        ProtocolMessage msg = decoded.orThrow();
        if (msg instanceof TelemetryBatch t) {
            return new WriteOp.Telemetry(m.device(), t.samples(), m.receivedAt());
        } else if (msg instanceof DeviceStatus s) {
            return new WriteOp.Status(m.device(), s, m.receivedAt());
        } else if (msg instanceof DeviceState s) {
            return new WriteOp.State(m.device(), s, m.receivedAt());
        } else if (msg instanceof CommandResult r) {
            return new WriteOp.Result(m.device(), r, m.receivedAt());
        } else if (msg instanceof ReportedConfig c) {
            return new WriteOp.ConfigReport(m.device(), c, m.receivedAt());
        }
        return rejection(m, new DecodeError(DecodeError.Reason.INVALID_VALUE, null, "not accepted from a device"), live);
    }

    private WriteOp rejection(DeviceMessage m, DecodeError error, boolean live) {
        String topic = Topics.of(m.device(), m.channel());
        if (live) {
            metrics.messageRejected(error.reason().label());
            log.warn("rejected message from {} on {}: {}", m.device(), topic, error.message());
        }
        return new WriteOp.Rejection(m.device(), topic, error.reason().label(), error.message(), m.payload(), m.receivedAt());
    }
}
