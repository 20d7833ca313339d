package dk.bostotte.device.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's typed start-up options, as parsed from the command line. The GPIO pins are null
 * when not given: then the config bundle's wiring counts (see {@code DeviceMain.pin}). So is the
 * screen's density: then the screen's size decides it ({@code KioskTheme.forScreen}).
 */
public record AgentOptions(Path bundleDir, Path dataDir, boolean simulate, Duration statusInterval,
                           Duration telemetryInterval, Duration keepAlive, int queueCapacity,
                           java.util.Optional<Duration> simulatedAnswer, java.util.Optional<String> iceLocalAddress,
                           Duration latencyEvery, long measurementBytesPerDay, Duration throughputEvery,
                           int latencyPackets, boolean throughputFixed, dk.bostotte.device.kiosk.KioskHardware.Gpio gpio,
                           Integer buttonPin, Integer ledPin, Ui ui, java.util.Optional<Path> uiSnapshots, Double screenPxPerMm,
                           double textScale) {

    /** Where the kiosk screens go: see {@code --ui}. */
    public enum Ui { AUTO, WINDOW, OFFSCREEN, OFF }

    public AgentOptions {
        requirePositive("statusInterval", statusInterval);
        requirePositive("telemetryInterval", telemetryInterval);
        requirePositive("keepAlive", keepAlive);
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1");
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
