package dk.bostotte.systemtests.bench;

import dk.bostotte.systemtests.DeviceProcess;
import dk.bostotte.systemtests.FleetTestEnvironment;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.ShapedLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bostotte bench netq}: the device agent in its own network namespace behind a veth pair
 * shaped with tc tbf at each rate; at each, the device's adaptive throughput test (stops once two
 * transfers agree) against a fixed 10 s test of the same code, run right after on the same line.
 * Reports accuracy against the shaped rate and the bytes each used. Needs root.
 */
@Command(name = "netq", mixinStandardHelpOptions = true, description = "Throughput test accuracy and bytes used against a fixed 10 s test.")
public final class NetqBench implements Callable<Integer> {

    private static final Pattern RESULT =
            Pattern.compile("throughput test: ([0-9.]+) Mbit/s down, ([0-9.]+) Mbit/s up, ([0-9]+) bytes");

    @Option(names = "--rates", defaultValue = "1,5,20", split = ",", description = "Shaped rates in Mbit/s.")
    List<Integer> rates;

    @Option(names = "--repeats", defaultValue = "2", description = "Adaptive tests measured per rate (after one settling test).")
    int repeats;

    private record Measured(double down, double up, long bytes) {
    }

    @Override
    public Integer call() throws Exception {
        if (!ShapedLink.available()) {
            System.err.println("bench netq needs root and iproute2 (network namespaces, tc)");
            return 2;
        }
        double worstErrorPct = 0;
        double worstBytesRatio = 0;
        List<String> lines = new ArrayList<>();
        try (ShapedLink link = ShapedLink.create("bnetq");
             FleetTestEnvironment env = FleetTestEnvironment.start(Map.of("mqtt.host", ShapedLink.HOST_ADDRESS))) {
            EnrolledDevice d = env.enroll("rpi4-kiosk", "bench-netq", ShapedLink.HOST_ADDRESS);
            for (int mbit : rates) {
                link.shapeUplink(mbit * 1000);
                link.shapeDownlink(mbit * 1000);
                List<Measured> adaptive = run(env, link, d, false, repeats + 1).subList(1, repeats + 1);
                Measured fixed = run(env, link, d, true, 1).get(0);
                for (Measured m : adaptive) {
                    worstErrorPct = Math.max(worstErrorPct, errorPct(m, mbit));
                    worstBytesRatio = Math.max(worstBytesRatio, (double) m.bytes / fixed.bytes);
                }
                long adaptiveBytes = (long) adaptive.stream().mapToLong(Measured::bytes).average().orElse(0);
                String line = String.format(Locale.ROOT,
                        "%2d Mbit/s: adaptive %s; %,d bytes avg | fixed 10 s %.2f down %.2f up, %,d bytes | bytes ratio %.3f",
                        mbit, adaptive.stream().map(m -> String.format(Locale.ROOT, "%.2f/%.2f", m.down, m.up)).toList(),
                        adaptiveBytes, fixed.down, fixed.up, fixed.bytes, (double) adaptiveBytes / fixed.bytes);
                System.out.println(line);
                lines.add(line);
            }
        }
        System.out.printf(Locale.ROOT, "netq rates=%s worst_error_pct=%.1f bytes_ratio=%.3f target_error_pct=10 target_bytes_ratio=0.5%n",
                rates.toString().replace(" ", ""), worstErrorPct, worstBytesRatio);
        return 0;
    }

    private static double errorPct(Measured m, int mbit) {
        return 100 * Math.max(Math.abs(m.down - mbit), Math.abs(m.up - mbit)) / mbit;
    }

    /** Starts the agent on the shaped line, waits for {@code tests} throughput results, stops it. */
    private static List<Measured> run(FleetTestEnvironment env, ShapedLink link, EnrolledDevice d, boolean fixed, int tests)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--telemetry-interval-s", "1", "--latency-every-s", "3600",
                "--throughput-every-s", "2", "--measurement-budget-kb", "2000000"));
        if (fixed) {
            args.add("--throughput-fixed");
        }
        try (DeviceProcess device = env.startDevice(link, d, args.toArray(String[]::new))) {
            device.awaitConnected(Duration.ofSeconds(30));
            device.awaitLog(RESULT.pattern(), tests, Duration.ofSeconds(60L * tests));
            Matcher m = RESULT.matcher(device.output());
            List<Measured> out = new ArrayList<>();
            while (m.find()) {
                out.add(new Measured(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Long.parseLong(m.group(3))));
            }
            return out.subList(0, tests);
        }
    }
}
