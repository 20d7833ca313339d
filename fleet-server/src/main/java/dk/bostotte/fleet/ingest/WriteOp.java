package dk.bostotte.fleet.ingest;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.protocol.message.DeviceStatus;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.ReportedConfig;
import java.time.Instant;
import java.util.List;

/** One unit of work for the {@link BatchWriter}; all ops of a batch commit together, in order. */
public sealed interface WriteOp {

    DeviceId device();

    /** When the server received it (for presence: when the connection changed). */
    Instant receivedAt();

    record Telemetry(DeviceId device, List<NetworkSample> samples, Instant receivedAt) implements WriteOp {
    }

    record Status(DeviceId device, DeviceStatus status, Instant receivedAt) implements WriteOp {
    }

    record State(DeviceId device, DeviceState state, Instant receivedAt) implements WriteOp {
    }

    record Result(DeviceId device, CommandResult result, Instant receivedAt) implements WriteOp {
    }

    record ConfigReport(DeviceId device, ReportedConfig config, Instant receivedAt) implements WriteOp {
    }

    record Presence(DeviceId device, boolean online, Instant receivedAt) implements WriteOp {
    }

    record Rejection(DeviceId device, String topic, String reason, String detail, byte[] payload, Instant receivedAt)
            implements WriteOp {
    }
}
