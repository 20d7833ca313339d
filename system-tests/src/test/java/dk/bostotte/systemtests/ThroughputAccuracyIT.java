package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Throughput measured on a shaped line: the device agent in its own network namespace, its veth
 * pair limited with tc tbf to 1, 5 and 20 Mbit/s each way; the measured rates must be within
 * ±10 % of the shaped rate. Needs root (network namespaces), as CI has.
 */
class ThroughputAccuracyIT {

    private static final Pattern RESULT = Pattern.compile("throughput test: ([0-9.]+) Mbit/s down, ([0-9.]+) Mbit/s up");

    @Test
    void measuredRatesAreWithinTenPercentOfTheShapedRate() throws Exception {
        assumeTrue(ShapedLink.available(), "needs root and iproute2 for a network namespace");
        try (ShapedLink link = ShapedLink.create("tput");
             FleetTestEnvironment env = FleetTestEnvironment.start(Map.of("mqtt.host", ShapedLink.HOST_ADDRESS))) {
            EnrolledDevice d = env.enroll("rpi4-kiosk", "throughput-accuracy", ShapedLink.HOST_ADDRESS);
            List<String> errors = new ArrayList<>();
            int tests = 0;
            link.shapeUplink(1_000);
            link.shapeDownlink(1_000);
            try (DeviceProcess device = env.startDevice(link, d, "--telemetry-interval-s", "1", "--latency-every-s", "3600",
                    "--throughput-every-s", "2", "--measurement-budget-kb", "500000")) {
                device.awaitConnected(Duration.ofSeconds(30));
                for (int mbit : new int[] {1, 5, 20}) {
                    link.shapeUplink(mbit * 1000);
                    link.shapeDownlink(mbit * 1000);
                    // The first test after a change may have started before it: use the one after.
                    tests += 2;
                    device.awaitLog(RESULT.pattern(), tests, Duration.ofSeconds(90));
                    Matcher m = RESULT.matcher(device.output());
                    double down = 0;
                    double up = 0;
                    while (m.find()) {
                        down = Double.parseDouble(m.group(1));
                        up = Double.parseDouble(m.group(2));
                    }
                    for (double measured : new double[] {down, up}) {
                        if (Math.abs(measured - mbit) > 0.1 * mbit) {
                            errors.add(mbit + " Mbit/s shaped, " + measured + " measured");
                        }
                    }
                    System.out.printf("shaped %d Mbit/s: measured %.2f down, %.2f up%n", mbit, down, up);
                }
            }
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }
}
