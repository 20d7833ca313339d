package dk.bostotte.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dk.bostotte.device.call.CallOptions;
import dk.bostotte.device.fleet.FleetOptions;
import dk.bostotte.device.kiosk.GpioOptions;
import dk.bostotte.device.kiosk.KioskHardware;
import dk.bostotte.device.netq.NetqOptions;
import dk.bostotte.device.ui.UiOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import picocli.CommandLine;

/** The command line as one typed record per feature: its defaults, and each record's checks naming the option. */
class DeviceOptionsTest {

    private static DeviceOptions.Valid parse(String... args) {
        DeviceMain main = new DeviceMain();
        new CommandLine(main).parseArgs(args);
        return main.options.validate();
    }

    private static void refused(String message, Executable build) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void withOnlyABundleEachFeatureGetsItsRecordsDefaults() {
        for (boolean simulate : new boolean[] {false, true}) {
            DeviceOptions.Valid o = simulate ? parse("--bundle", "/b", "--simulate") : parse("--bundle", "/b");
            assertEquals(Path.of("/b/state"), o.dataDir());
            assertEquals(FleetOptions.defaults(), o.fleet());
            assertEquals(NetqOptions.defaults(), o.netq());
            assertEquals(CallOptions.defaults(simulate), o.call());
            assertEquals(GpioOptions.defaults(), o.gpio());
            assertEquals(UiOptions.defaults(simulate), o.ui());
        }
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertEquals(new FleetOptions(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30), 50_000),
                FleetOptions.defaults());
        assertEquals(new NetqOptions(Duration.ofMinutes(5), 20, Duration.ofHours(8), false, 10_000_000), NetqOptions.defaults());
        assertEquals(new CallOptions(Optional.of(Duration.ofSeconds(3)), Optional.empty()), CallOptions.defaults(true));
        assertEquals(new CallOptions(Optional.empty(), Optional.empty()), CallOptions.defaults(false));
        assertEquals(new GpioOptions(KioskHardware.Gpio.AUTO, null, null), GpioOptions.defaults());
        assertEquals(new UiOptions(UiOptions.Ui.OFF, Optional.empty(), null, 1.0), UiOptions.defaults(true));
    }

    @Test
    void givenValuesReachTheirRecords() {
        DeviceOptions.Valid o = parse("--bundle", "/b", "--data", "/d", "--simulate", "--status-interval-s", "5",
                "--queue-capacity", "7", "--latency-packets", "3", "--measurement-budget-kb", "2", "--answer-after-s", "1.5",
                "--ice-local-address", "127.0.0.1", "--gpio", "mock", "--led-pin", "22", "--ui", "offscreen",
                "--screen-px-per-mm", "8.3", "--text-scale", "1.3");
        assertEquals(Path.of("/d"), o.dataDir());
        assertEquals(Duration.ofSeconds(5), o.fleet().statusInterval());
        assertEquals(7, o.fleet().queueCapacity());
        assertEquals(3, o.netq().latencyPackets());
        assertEquals(2000, o.netq().measurementBytesPerDay());
        assertEquals(new CallOptions(Optional.of(Duration.ofMillis(1500)), Optional.of("127.0.0.1")), o.call());
        assertEquals(new GpioOptions(KioskHardware.Gpio.MOCK, null, 22), o.gpio());
        assertEquals(new UiOptions(UiOptions.Ui.OFFSCREEN, Optional.empty(), 8.3, 1.3), o.ui());
    }

    @Test
    void eachRecordRefusesOutOfRangeValuesNamingTheOption() {
        refused("--status-interval-s must be at least 1, not 0", () -> FleetOptions.ofSeconds(0, 10, 30, 1));
        refused("--telemetry-interval-s must be at least 1, not -1", () -> FleetOptions.ofSeconds(60, -1, 30, 1));
        refused("--keepalive-s must be at least 1, not 0", () -> FleetOptions.ofSeconds(60, 10, 0, 1));
        refused("--queue-capacity must be at least 1, not 0", () -> FleetOptions.ofSeconds(60, 10, 30, 0));
        refused("--latency-every-s must be at least 1, not 0", () -> NetqOptions.of(0, 20, 60, false, 0));
        refused("--throughput-every-s must be at least 1, not 0", () -> NetqOptions.of(300, 20, 0, false, 0));
        refused("--latency-packets must be at least 2, not 1", () -> NetqOptions.of(300, 1, 60, false, 0));
        refused("--measurement-budget-kb must be at least 0, not -1", () -> NetqOptions.of(300, 20, 60, false, -1));
        refused("--gpio must be auto, mock or off, not 'pins'", () -> GpioOptions.of("pins", null, null));
        refused("--ui must be auto, window, offscreen or off, not 'tv'", () -> UiOptions.of("tv", true, null, null, 1));
        refused("--screen-px-per-mm must be between 1 and 40, not 0.5", () -> UiOptions.of("off", true, null, 0.5, 1));
        refused("--screen-px-per-mm must be between 1 and 40, not 41.0", () -> UiOptions.of("off", true, null, 41.0, 1));
        refused("--text-scale must be between 0.5 and 3, not 3.5", () -> UiOptions.of("off", true, null, null, 3.5));
        refused("--text-scale must be between 0.5 and 3, not 0.4", () -> UiOptions.of("off", true, null, null, 0.4));
    }

    @Test
    void answeringByItselfIsForSimulatedKiosksOnlyAndZeroMeansNever() {
        assertEquals(Optional.empty(), CallOptions.of(false, 3, null).simulatedAnswer());
        assertEquals(Optional.empty(), CallOptions.of(true, 0, null).simulatedAnswer());
        assertEquals(Optional.empty(), CallOptions.of(true, 3, " ").iceLocalAddress());
    }

    @Test
    void thePinsComeFromTheCommandLineThenTheBundleThenTheDefaultWiring() {
        GpioOptions given = GpioOptions.of("off", 5, 6);
        assertEquals(5, given.buttonPin(Optional.of(22)));
        assertEquals(6, given.ledPin(Optional.of(23)));
        assertEquals(22, GpioOptions.defaults().buttonPin(Optional.of(22)));
        assertEquals(GpioOptions.DEFAULT_BUTTON_PIN, GpioOptions.defaults().buttonPin(Optional.empty()));
        assertEquals(GpioOptions.DEFAULT_LED_PIN, GpioOptions.defaults().ledPin(Optional.empty()));
    }
}
