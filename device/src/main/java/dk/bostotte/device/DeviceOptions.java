package dk.bostotte.device;

import dk.bostotte.protocol.bundle.BundleLayout;
import dk.bostotte.device.call.CallOptions;
import dk.bostotte.device.fleet.FleetOptions;
import dk.bostotte.device.kiosk.GpioOptions;
import dk.bostotte.device.netq.NetqOptions;
import dk.bostotte.device.ui.UiOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The agent's command line; {@link #validate} turns it into one typed record per feature. */
final class DeviceOptions {

    /** The command line, checked: where the bundle and the data are, whether simulated, and each feature's options. */
    record Valid(Path bundleDir, Path dataDir, boolean simulate, FleetOptions fleet, NetqOptions netq, CallOptions call,
                 GpioOptions gpio, UiOptions ui) {
    }

    @Option(names = "--bundle", required = true, paramLabel = "DIR",
            description = "Config bundle from the provisioning CLI (" + BundleLayout.PROPERTIES + ", " + BundleLayout.KEYSTORE + ", "
                    + BundleLayout.CA_CERT + ").")
    Path bundleDir;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Local state: telemetry queue, sequence counter, last applied config. Default: <bundle>/state.")
    Path dataDir;

    @Option(names = "--simulate", description = "Report synthetic status and network readings instead of probing this machine.")
    boolean simulate;

    @Option(names = "--status-interval-s", paramLabel = "SECONDS", defaultValue = "" + FleetOptions.STATUS_INTERVAL_S,
            description = "Seconds between status reports while connected, until the fleet sets it. Default: ${DEFAULT-VALUE}.")
    int statusIntervalS;

    @Option(names = "--telemetry-interval-s", paramLabel = "SECONDS", defaultValue = "" + FleetOptions.TELEMETRY_INTERVAL_S,
            description = "Seconds between network samples, until the fleet sets it. Default: ${DEFAULT-VALUE}.")
    int telemetryIntervalS;

    @Option(names = "--keepalive-s", paramLabel = "SECONDS", defaultValue = "" + FleetOptions.KEEPALIVE_S,
            description = "MQTT keep-alive in seconds. Default: ${DEFAULT-VALUE}.")
    int keepAliveS;

    @Option(names = "--answer-after-s", paramLabel = "SECONDS", defaultValue = "" + CallOptions.ANSWER_AFTER_S,
            description = "With --simulate: answer calls by itself after this many seconds (decimals allowed); 0 never (default: ${DEFAULT-VALUE}).")
    double answerAfterS;

    @Option(names = "--ice-local-address", paramLabel = "IP",
            description = "Also offer this local address for call media (e.g. 127.0.0.1, which WebRTC leaves out by default).")
    String iceLocalAddress;

    @Option(names = "--latency-every-s", paramLabel = "SECONDS", defaultValue = "" + NetqOptions.LATENCY_EVERY_S,
            description = "Seconds between UDP latency trains (about 8 kB each; default: ${DEFAULT-VALUE}).")
    int latencyEveryS;

    @Option(names = "--latency-packets", paramLabel = "N", defaultValue = "" + NetqOptions.LATENCY_PACKETS,
            description = "Packets in one latency train (200 bytes each, 20 ms apart; default: ${DEFAULT-VALUE}).")
    int latencyPackets;

    @Option(names = "--throughput-every-s", paramLabel = "SECONDS", defaultValue = "" + NetqOptions.THROUGHPUT_EVERY_S,
            description = "About how often to test throughput, at random moments, never during a call (default: ${DEFAULT-VALUE}: three times a day).")
    int throughputEveryS;

    @Option(names = "--gpio", paramLabel = "auto|mock|off", defaultValue = GpioOptions.GPIO,
            description = "Answer button and status light: the Pi's GPIO if present (auto; none when --simulate), Pi4J's mock platform, or off (default: ${DEFAULT-VALUE}).")
    String gpio;

    @Option(names = "--button-pin", paramLabel = "BCM",
            description = "GPIO (BCM number) of the answer button, to ground (default: the bundle's " + BundleLayout.BUTTON_PIN + ", else "
                    + GpioOptions.DEFAULT_BUTTON_PIN + ").")
    Integer buttonPin;

    @Option(names = "--led-pin", paramLabel = "BCM",
            description = "GPIO (BCM number) of the status light (default: the bundle's " + BundleLayout.LED_PIN + ", else "
                    + GpioOptions.DEFAULT_LED_PIN + ").")
    Integer ledPin;

    @Option(names = "--ui", paramLabel = "auto|window|offscreen|off", defaultValue = UiOptions.UI,
            description = "The kiosk screen: a full-screen window (auto: when a display is present and not --simulate), "
                    + "off-screen (with --ui-snapshots: each screen saved as a PNG), or none (default: ${DEFAULT-VALUE}).")
    String ui;

    @Option(names = "--ui-snapshots", paramLabel = "DIR", description = "Save each new kiosk screen as a numbered PNG here.")
    Path uiSnapshots;

    @Option(names = "--screen-px-per-mm", paramLabel = "PX",
            description = "Pixel density of the touch screen, for 15 mm touch targets (default: from the screen's size: 8.3 "
                    + "for 720x1280 either way up, the 7\" Touch Display 2; 5.6 for 800x480, the first 7\" Pi display; "
                    + "else the display's own dpi if believable, else 5.6).")
    Double screenPxPerMm;

    @Option(names = "--text-scale", paramLabel = "FACTOR", defaultValue = "" + UiOptions.TEXT_SCALE,
            description = "Makes all kiosk text larger (e.g. 1.3) for citizens who see poorly (default: ${DEFAULT-VALUE}).")
    double textScale;

    @Option(names = "--throughput-fixed", hidden = true,
            description = "Benchmarks only: run each throughput direction for the full 10 s instead of stopping once stable.")
    boolean throughputFixed;

    @Option(names = "--measurement-budget-kb", paramLabel = "KB", defaultValue = "" + NetqOptions.MEASUREMENT_BUDGET_KB,
            description = "Bytes per day the network measurements may use, in kB (default: ${DEFAULT-VALUE}, for a metered 4G SIM).")
    int measurementBudgetKb;

    @Option(names = "--queue-capacity", paramLabel = "SAMPLES", defaultValue = "" + FleetOptions.QUEUE_CAPACITY,
            description = "Most telemetry samples kept while offline; the oldest go first. Default: ${DEFAULT-VALUE}.")
    int queueCapacity;

    /** @throws IllegalArgumentException naming the option that is out of range */
    Valid validate() {
        return new Valid(bundleDir, dataDir != null ? dataDir : bundleDir.resolve("state"), simulate,
                FleetOptions.ofSeconds(statusIntervalS, telemetryIntervalS, keepAliveS, queueCapacity),
                NetqOptions.of(latencyEveryS, latencyPackets, throughputEveryS, throughputFixed, measurementBudgetKb),
                CallOptions.of(simulate, answerAfterS, iceLocalAddress), GpioOptions.of(gpio, buttonPin, ledPin),
                UiOptions.of(ui, simulate, uiSnapshots, screenPxPerMm, textScale));
    }
}
