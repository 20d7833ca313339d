package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apps as {@code ./bostotte} starts them, from the jars Maven has just built: their versions,
 * and the fleet server's one-line errors without logging-library noise.
 */
class LauncherIT {

    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path work;

    @Test
    void everyCommandPrintsTheProjectVersion() throws IOException {
        Launcher launcher = new Launcher(work);
        String version = LauncherTest.projectVersion();
        Map<String, String> expected = Map.of("server", "fleet server " + version, "provision", "provision " + version,
                "device", "bostotte-device " + version, "bench", "bench " + version);
        expected.forEach((command, line) -> {
            Launcher.Result r = launcher.run(Map.of(), START, command, "--version");
            assertEquals(0, r.exit(), r.toString());
            // Only the version: no logback status lines before it.
            assertEquals(line, r.stdout().strip(), r.toString());
        });
        assertEquals(List.of(), launcher.packageManagerCalls());
    }

    @Test
    void aBusyMqttPortIsOneLineNamingThePort() throws IOException {
        Launcher launcher = new Launcher(work);
        Path data = work.resolve("data");
        Launcher.Result ca = launcher.run(Map.of(), START, "provision", "init-ca", "--pki", data.resolve("pki").toString());
        assertEquals(0, ca.exit(), ca.toString());
        try (ServerSocket otherBroker = new ServerSocket(0)) {
            int busy = otherBroker.getLocalPort();
            long started = System.nanoTime();
            Launcher.Result r = launcher.run(Map.of("BOSTOTTE_MQTT_PORT", String.valueOf(busy),
                    "BOSTOTTE_HTTP_PORT", String.valueOf(FreePorts.next()),
                    "BOSTOTTE_DEVICE_API_PORT", String.valueOf(FreePorts.next())), START, "server", "--data", data.toString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertNotEquals(0, r.exit(), r.toString());
            assertEquals(1, r.stderrLines().size(), r.toString());
            String error = r.stderrLines().get(0);
            assertTrue(error.contains("port " + busy + " ") && error.contains("in use") && error.contains("MQTT"), r.toString());
            assertFalse((r.stdout() + r.stderr()).contains("\tat "), "a stack trace: " + r);
            assertFalse(r.stdout().contains("ch.qos.logback"), "logback's start-up status: " + r);
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);
        }
        assertEquals(List.of(), launcher.packageManagerCalls());
    }

    @Test
    void aMistypedOptionIsOneLine() {
        Launcher launcher = new Launcher(work);
        // The device's bundle is required: without it, that is the one line it prints.
        for (List<String> args : List.of(List.of("server"), List.of("provision"), List.of("device", "--bundle", work.toString()))) {
            List<String> command = new ArrayList<>(args);
            command.add("--no-such-option");
            Launcher.Result r = launcher.run(Map.of(), START, command.toArray(String[]::new));
            assertNotEquals(0, r.exit(), r.toString());
            assertEquals(1, r.stderrLines().size(), r.toString());
            assertTrue(r.stderr().contains("--no-such-option"), r.toString());
            assertFalse(r.stdout().contains("ch.qos.logback"), r.toString());
        }
    }
}
