package dk.bostotte.systemtests.bench;

import dk.bostotte.systemtests.DeviceProcess;
import dk.bostotte.systemtests.FleetTestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The kiosk with its screen up: time from starting the process to the idle screen, and memory and
 * CPU while idle. The screen is a real window on a virtual X display (Xvfb) when Xvfb is installed,
 * so Swing really paints; the baseline is the same agent without a screen, and a JVM that only
 * prints the app's version (the start-up floor of this machine).
 */
@Command(name = "kiosk", mixinStandardHelpOptions = true,
        description = "Kiosk start-up to the idle screen, idle RSS and CPU with the screen up.")
public final class KioskBench implements Callable<Integer> {

    private static final String DISPLAY = ":97";

    @Option(names = "--starts", defaultValue = "5", description = "Measured starts (after one warm-up start).")
    int starts;

    @Option(names = "--idle-s", defaultValue = "30", description = "Seconds of idle measured, with and without the screen.")
    int idleSeconds;

    @Override
    public Integer call() throws Exception {
        VirtualDisplay xvfb = VirtualDisplay.start(DISPLAY);
        String mode = xvfb != null ? "window" : "offscreen";
        List<String> prefix = xvfb != null ? xvfb.prefix() : List.of();
        List<Long> toIdle = new ArrayList<>();
        List<Long> jvmFloor = new ArrayList<>();
        double[] withScreen;
        double[] headless;
        try (FleetTestEnvironment env = FleetTestEnvironment.start()) {
            var device = env.enroll("bench-kiosk", "BENCH-KIOSK");
            env.addCitizen("Bench citizen", "staff", device.id());
            for (int i = 0; i <= starts; i++) { // the first start warms the page cache
                long ms = startToIdle(env, device, prefix, mode);
                if (i > 0) {
                    toIdle.add(ms);
                    jvmFloor.add(jvmVersionMillis());
                }
            }
            withScreen = idleWith(env, device, prefix, "--ui", mode);
            headless = idleWith(env, device, List.of(), "--ui", "off");
        } finally {
            if (xvfb != null) {
                xvfb.close();
            }
        }
        Collections.sort(toIdle);
        Collections.sort(jvmFloor);
        long p50 = toIdle.get(toIdle.size() / 2);
        long floor = jvmFloor.get(jvmFloor.size() / 2);
        System.out.printf(Locale.ROOT, "screen=%s starts=%d to_idle_p50_ms=%d to_idle_max_ms=%d jvm_floor_ms=%d "
                        + "start_ratio=%.2f idle_rss_mb=%.0f idle_cpu_pct=%.2f headless_rss_mb=%.0f headless_cpu_pct=%.2f "
                        + "rss_ratio=%.2f%n",
                mode, toIdle.size(), p50, toIdle.get(toIdle.size() - 1), floor, p50 / (double) floor,
                withScreen[0], withScreen[1], headless[0], headless[1], withScreen[0] / headless[0]);
        return 0;
    }

    /** Milliseconds from starting the process to its first idle screen (saved as 001-IDLE.png). */
    private static long startToIdle(FleetTestEnvironment env, FleetTestEnvironment.EnrolledDevice device, List<String> prefix,
                                    String mode) throws Exception {
        Path shots = Files.createTempDirectory("kiosk-bench-");
        long t0 = System.nanoTime();
        try (DeviceProcess kiosk = env.startDevice(prefix, device, "--simulate", "--ui", mode, "--ui-snapshots", shots.toString())) {
            Path idle = shots.resolve("001-IDLE.png");
            FleetTestEnvironment.await("the idle screen", Duration.ofSeconds(30), () -> Files.exists(idle));
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }
    }

    private double[] idleWith(FleetTestEnvironment env, FleetTestEnvironment.EnrolledDevice device, List<String> prefix,
                              String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--simulate"));
        all.addAll(List.of(args));
        try (DeviceProcess kiosk = env.startDevice(prefix, device, all.toArray(String[]::new))) {
            kiosk.awaitConnected(Duration.ofSeconds(30));
            return idle(kiosk);
        }
    }

    /** {RSS MB, CPU % of one core} over the idle period, after 10 s to settle. */
    private double[] idle(DeviceProcess kiosk) throws InterruptedException {
        Thread.sleep(10_000);
        double before = ProcessStats.cpuSeconds(kiosk.pid());
        long start = System.nanoTime();
        long rss = 0;
        long end = start + TimeUnit.SECONDS.toNanos(idleSeconds);
        while (System.nanoTime() < end) {
            rss = Math.max(rss, ProcessStats.rssBytes(kiosk.pid()));
            Thread.sleep(500);
        }
        double cpu = (ProcessStats.cpuSeconds(kiosk.pid()) - before) / ((System.nanoTime() - start) / 1e9);
        return new double[] {rss / (1024.0 * 1024.0), cpu * 100};
    }

    /** How long this machine takes to start the device's JVM and print its version: the floor under any start. */
    private static long jvmVersionMillis() throws Exception {
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(DeviceProcess.jvmOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dk.bostotte.device.DeviceMain", "--version"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(30, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
