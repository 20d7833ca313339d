package dk.bostotte.device.fleet;

import static dk.bostotte.device.platform.OptionChecks.atLeast;

import java.time.Duration;

/**
 * The fleet link's start-up options: report intervals until the fleet sets them ({@code --status-interval-s},
 * {@code --telemetry-interval-s}), the MQTT keep-alive ({@code --keepalive-s}) and how many samples wait
 * offline ({@code --queue-capacity}).
 */
public record FleetOptions(Duration statusInterval, Duration telemetryInterval, Duration keepAlive, int queueCapacity) {

    public static final int STATUS_INTERVAL_S = 60;
    public static final int TELEMETRY_INTERVAL_S = 10;
    public static final int KEEPALIVE_S = 30;
    public static final int QUEUE_CAPACITY = 50_000;

    public FleetOptions {
        atLeast("--status-interval-s", statusInterval.toSeconds(), 1);
        atLeast("--telemetry-interval-s", telemetryInterval.toSeconds(), 1);
        atLeast("--keepalive-s", keepAlive.toSeconds(), 1);
        atLeast("--queue-capacity", queueCapacity, 1);
    }

    public static FleetOptions ofSeconds(int statusIntervalS, int telemetryIntervalS, int keepAliveS, int queueCapacity) {
        return new FleetOptions(Duration.ofSeconds(statusIntervalS), Duration.ofSeconds(telemetryIntervalS),
                Duration.ofSeconds(keepAliveS), queueCapacity);
    }

    public static FleetOptions defaults() {
        return ofSeconds(STATUS_INTERVAL_S, TELEMETRY_INTERVAL_S, KEEPALIVE_S, QUEUE_CAPACITY);
    }
}
