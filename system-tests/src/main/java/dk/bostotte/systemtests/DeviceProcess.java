package dk.bostotte.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The device agent running as its own process (same class path as the test JVM), with its output
 * captured to a file that tests can wait on.
 */
public final class DeviceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private DeviceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static DeviceProcess start(Path bundle, Path state, Path logDir, String... extraArgs) {
        return start(List.of(), bundle, state, logDir, extraArgs);
    }

    /** Started behind {@code prefix} (e.g. {@code ip netns exec NS}), as in a device's own network. */
    static DeviceProcess start(List<String> prefix, Path bundle, Path state, Path logDir, String... extraArgs) {
        try {
            Files.createDirectories(logDir);
            Path log = Files.createTempFile(logDir, bundle.getFileName().toString() + "-", ".log");
            List<String> cmd = new ArrayList<>(prefix);
            cmd.add(javaBin());
            cmd.addAll(jvmOptions());
            cmd.addAll(List.of("-Dlogback.configurationFile=" + deviceLogConfig(),
                    "-cp", System.getProperty("java.class.path"), "dk.bostotte.device.DeviceMain",
                    "--bundle", bundle.toString(), "--data", state.toString()));
            cmd.addAll(List.of(extraArgs));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            // As the kiosk's service runs it: few malloc arenas for GStreamer's many threads (see bench call).
            pb.environment().put("MALLOC_ARENA_MAX", "2");
            Process p = pb.start();
            return new DeviceProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where device/packaging/jvm.options is inside the device's jar (device/pom.xml puts it there). */
    static final String JVM_OPTIONS_RESOURCE = "dk/bostotte/device/jvm.options";

    /**
     * The kiosk's JVM options, as its launcher passes them (device/packaging/jvm.options, the one
     * file the launcher, ./bostotte and the tests read), comments left out.
     */
    public static List<String> jvmOptions() {
        try (var in = DeviceProcess.class.getClassLoader().getResourceAsStream(JVM_OPTIONS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(JVM_OPTIONS_RESOURCE + " is not on the class path: is the device module built?");
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String flags = line.replaceFirst("#.*", "").strip();
                if (!flags.isEmpty()) {
                    out.addAll(List.of(flags.split("\\s+")));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("the device's JVM options cannot be read", e);
        }
    }

    /**
     * The device's own logback.xml: the test class path also holds the fleet server's, which would
     * win, and then the device log has neither its format nor BOSTOTTE_LOG_LEVEL.
     */
    private static String deviceLogConfig() {
        try {
            String deviceCode = Class.forName("dk.bostotte.device.DeviceMain").getProtectionDomain().getCodeSource()
                    .getLocation().toString();
            var found = DeviceProcess.class.getClassLoader().getResources("logback.xml");
            while (found.hasMoreElements()) {
                String url = found.nextElement().toString();
                if (url.contains(deviceCode.replaceFirst("^file:", ""))) {
                    return url;
                }
            }
            throw new IllegalStateException("no logback.xml beside the device classes in " + deviceCode);
        } catch (ClassNotFoundException | IOException e) {
            throw new IllegalStateException("device classes not on the test class path", e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Presses a simulated button on the device ({@code call}, {@code answer}, {@code decline}, {@code hangup}). */
    public void press(String button) {
        try {
            process.getOutputStream().write((button + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("device process gone", e);
        }
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the output has {@code count} lines matching {@code regex}. */
    public void awaitLog(String regex, int count, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        try {
            FleetTestEnvironment.await("device log line /" + regex + "/ x" + count, timeout,
                    () -> p.matcher(output()).results().count() >= count);
        } catch (AssertionError timedOut) {
            // The output as it is when the wait gives up, not as it was when it began.
            throw new AssertionError(timedOut.getMessage() + "; output at the time out:\n" + tail(), timedOut);
        }
    }

    public void awaitLog(String regex, Duration timeout) {
        awaitLog(regex, 1, timeout);
    }

    /**
     * Waits until the device is connected with its subscriptions acknowledged, so that commands,
     * config and calls sent from now on reach it. Only the device knows when its subscriptions are
     * acknowledged (the fleet sees the connection earlier), so this reads the one line it logs then.
     */
    public void awaitConnected(Duration timeout) {
        awaitConnected(1, timeout);
    }

    /** As {@link #awaitConnected(Duration)}, for the {@code times}-th connection of this process (after reconnects). */
    public void awaitConnected(int times, Duration timeout) {
        awaitLog(CONNECTED, times, timeout);
    }

    /** FleetLink's line once subscribed: "device ID connected to ssl://HOST:PORT". */
    private static final String CONNECTED = "device [A-Z0-9-]+ connected to ssl://";

    private String tail() {
        String out = output();
        return out.length() > 3000 ? out.substring(out.length() - 3000) : out;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to say goodbye, as in a power cut. */
    public void killHard() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: an orderly stop. */
    public int stop() {
        process.destroy();
        return waitFor();
    }

    private int waitFor() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            killHard();
        }
    }
}
