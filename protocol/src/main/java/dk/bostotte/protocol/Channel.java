package dk.bostotte.protocol;

import java.util.Arrays;
import java.util.Optional;

import dk.bostotte.protocol.message.*;

/**
 * The per-device MQTT channels under {@code bostotte/v1/devices/{deviceId}/}. Each says who publishes
 * on it, with which QoS, whether the broker retains it, and which message record it carries.
 */
public enum Channel {
    STATE("state", Direction.FROM_DEVICE, 1, true, "application/vnd.bostotte.state+json", DeviceState.class),
    STATUS("status", Direction.FROM_DEVICE, 1, false, "application/vnd.bostotte.status+json", DeviceStatus.class),
    TELEMETRY("telemetry", Direction.FROM_DEVICE, 1, false, "application/vnd.bostotte.telemetry+json", TelemetryBatch.class),
    COMMAND("cmd", Direction.TO_DEVICE, 1, false, "application/vnd.bostotte.command+json", Command.class),
    COMMAND_RESULT("cmd/result", Direction.FROM_DEVICE, 1, false, "application/vnd.bostotte.command-result+json", CommandResult.class),
    CONFIG("config", Direction.TO_DEVICE, 1, true, "application/vnd.bostotte.config+json", DesiredConfig.class),
    CONFIG_REPORTED("config/reported", Direction.FROM_DEVICE, 1, false, "application/vnd.bostotte.config-reported+json", ReportedConfig.class),
    CALL("call", Direction.TO_DEVICE, 1, false, "application/vnd.bostotte.call+json", CallSignal.class),
    CALL_DEVICE("call/device", Direction.FROM_DEVICE, 1, false, "application/vnd.bostotte.call-device+json", DeviceCallSignal.class),
    KIOSK("kiosk", Direction.TO_DEVICE, 1, true, "application/vnd.bostotte.kiosk+json", KioskInfo.class);
    // The authorizer derives its rules from this enum, so a new channel here is all the broker needs to know.

    public enum Direction { FROM_DEVICE, TO_DEVICE }

    private final String suffix;
    private final Direction direction;
    private final int qos;
    private final boolean retained;
    private final String contentType;
    private final Class<? extends ProtocolMessage> messageType;

    Channel(String suffix, Direction direction, int qos, boolean retained, String contentType,
            Class<? extends ProtocolMessage> messageType) {
        this.suffix = suffix;
        this.direction = direction;
        this.qos = qos;
        this.retained = retained;
        this.contentType = contentType;
        this.messageType = messageType;
    }

    public String suffix() { return suffix; }
    public Direction direction() { return direction; }
    public int qos() { return qos; }
    public boolean retained() { return retained; }
    /** MQTT 5 content type; the payload's {@code v} field carries the schema version. */
    public String contentType() { return contentType; }

    public Class<? extends ProtocolMessage> messageType() { return messageType; }

    public static Optional<Channel> bySuffix(String suffix) {
        return Arrays.stream(values()).filter(c -> c.suffix.equals(suffix)).findFirst();
    }
}
