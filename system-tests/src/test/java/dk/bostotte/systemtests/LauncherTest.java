package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./bostotte} script's own behaviour, which needs no built app: run as a process. */
class LauncherTest {

    private static final Duration QUICK = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void anOptionWithoutItsValueIsOneLine() {
        Launcher launcher = new Launcher(work);
        for (List<String> args : List.of(List.of("demo", "--data"), List.of("demo", "--data", "--data"),
                List.of("demo", "--data="))) {
            Launcher.Result r = launcher.run(Map.of(), QUICK, args.toArray(String[]::new));
            assertNotEquals(0, r.exit(), r.toString());
            assertEquals(1, r.stderrLines().size(), r.toString());
            assertTrue(r.stderr().contains("--data needs a value"), r.toString());
            assertFalse(r.stderr().contains("unbound variable"), r.toString());
        }
        assertEquals(List.of(), launcher.packageManagerCalls());
    }

    @Test
    void versionIsTheProjectsVersion() throws IOException {
        Launcher.Result r = new Launcher(work).run(Map.of(), QUICK, "--version");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("bostotte " + projectVersion(), r.stdout().strip());
    }

    @Test
    void aSecondDemoStopsAtABusyPortBeforeStartingAnything() throws IOException {
        Launcher launcher = new Launcher(work);
        for (String portVariable : List.of("BOSTOTTE_HTTP_PORT", "BOSTOTTE_MQTT_PORT", "BOSTOTTE_DEVICE_API_PORT")) {
            try (ServerSocket firstDemo = new ServerSocket(0)) {
                int busy = firstDemo.getLocalPort();
                Path data = work.resolve("demo-" + portVariable);
                Map<String, String> env = Map.of("BOSTOTTE_HTTP_PORT", String.valueOf(FreePorts.next()),
                        "BOSTOTTE_MQTT_PORT", String.valueOf(FreePorts.next()),
                        "BOSTOTTE_DEVICE_API_PORT", String.valueOf(FreePorts.next()));
                Map<String, String> withBusy = new HashMap<>(env);
                withBusy.put(portVariable, String.valueOf(busy));
                Launcher.Result r = launcher.run(withBusy, QUICK, "demo", "--data", data.toString());
                assertNotEquals(0, r.exit(), r.toString());
                assertEquals(1, r.stderrLines().size(), r.toString());
                assertTrue(r.stderr().contains("port " + busy + " ") && r.stderr().contains("in use")
                        && r.stderr().contains(portVariable), r.toString());
                assertFalse(Files.exists(data.resolve("logs")), "the demo started something: " + r);
            }
        }
        assertEquals(List.of(), launcher.packageManagerCalls());
    }

    /**
     * A machine where every part is installed, but GStreamer answers as 1.22 does with libnice 0.1.21:
     * {@code --exists nicesrc} fails because the plugin's version is below GStreamer's, while a
     * lookup finds the element. Run as root (a fake {@code id}), the launcher must not install anything.
     */
    @Test
    void everythingInstalledMeansNoPackageManagerEvenForAPluginVersionedApart() throws IOException {
        Launcher launcher = machineOfFakes(List.of());
        launcher.fake("id", "[ \"$1\" = -u ] && { echo 0; exit 0; }; exec /usr/bin/id \"$@\"");
        Launcher.Result r = launcher.runOnFakesOnly(Map.of(), QUICK, "setup", "demo");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stderr().contains("nothing missing"), r.toString());
        assertFalse(r.stderr().contains("nicesrc"), r.toString());
        assertEquals(List.of(), launcher.packageManagerCalls());
    }

    @Test
    void aMissingElementIsNamedWithTheLineToRunOrInstalledAsRoot() throws IOException {
        Launcher user = machineOfFakes(List.of("webrtcbin"));
        user.fake("id", "[ \"$1\" = -u ] && { echo 1000; exit 0; }; exec /usr/bin/id \"$@\"");
        Launcher.Result r = user.runOnFakesOnly(Map.of(), QUICK, "setup", "demo");
        assertNotEquals(0, r.exit(), r.toString());
        assertEquals(1, r.stderrLines().size(), r.toString());
        assertTrue(r.stderr().contains("webrtcbin") && r.stderr().contains("sudo apt-get install")
                && r.stderr().contains("gstreamer1.0-plugins-bad"), r.toString());
        assertFalse(r.stderr().contains("nicesrc"), r.toString());
        assertEquals(List.of(), user.packageManagerCalls());

        Path rootWork = work.resolve("as-root");
        Launcher root = new Launcher(rootWork);
        machineOfFakes(root, List.of("webrtcbin"));
        root.fake("id", "[ \"$1\" = -u ] && { echo 0; exit 0; }; exec /usr/bin/id \"$@\"");
        root.runOnFakesOnly(Map.of(), QUICK, "setup", "demo");
        assertTrue(root.packageManagerCalls().stream().anyMatch(c -> c.startsWith("apt-get install")
                && c.contains("gstreamer1.0-plugins-bad")), root.packageManagerCalls().toString());
    }

    /** This machine's own GStreamer, as the demo checks it: installed elements are found, nothing is installed. */
    @Test
    void thisMachineWithEverythingInstalledCallsNoPackageManager() throws IOException {
        List<String> absent = new ArrayList<>();
        for (String element : launcherElements()) {
            if (!runs("gst-inspect-1.0", element)) {
                absent.add("GStreamer " + element);
            }
        }
        for (String command : List.of("curl", "unshare")) {
            if (!runs("sh", "-c", "command -v " + command)) {
                absent.add(command);
            }
        }
        Requirements.require(absent.isEmpty(), "not installed: " + absent);
        Launcher launcher = new Launcher(work);
        Launcher.Result r = launcher.run(Map.of(), QUICK, "setup", "demo");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stderr().contains("nothing missing"), r.toString());
        assertEquals(List.of(), launcher.packageManagerCalls());
    }

    /** Fakes for every command the demo needs; GStreamer's lookups as 1.22 with libnice 0.1.21 answer them. */
    private Launcher machineOfFakes(List<String> missingElements) throws IOException {
        Launcher launcher = new Launcher(work);
        machineOfFakes(launcher, missingElements);
        return launcher;
    }

    private void machineOfFakes(Launcher launcher, List<String> missingElements) throws IOException {
        List<String> present = new ArrayList<>(launcherElements());
        present.removeAll(missingElements);
        String known = " " + String.join(" ", present) + " ";
        launcher.fake("gst-inspect-1.0", """
                known='%s'
                if [ "$1" = --exists ]; then
                  [ "$2" = nicesrc ] && exit 1
                  case "$known" in *" $2 "*) exit 0 ;; esac
                  exit 1
                fi
                case "$known" in *" $1 "*) printf 'Factory Details:\\n  Rank                     none (0)\\n'; exit 0 ;; esac
                echo "No such element or plugin '$1'" >&2
                exit 255""".formatted(known));
        launcher.fake("java", "echo 'openjdk version \"17.0.13\" 2024-10-15' >&2");
        launcher.fake("curl", "exit 0");
        launcher.fake("unshare", "exit 0");
    }

    /** The GStreamer elements the launcher checks (GST_ELEMENTS in ./bostotte). */
    static List<String> launcherElements() throws IOException {
        String script = Files.readString(Launcher.repositoryRoot().resolve("bostotte"));
        Matcher m = Pattern.compile("(?m)^GST_ELEMENTS=\\(([^)]*)\\)").matcher(script);
        assertTrue(m.find(), "no GST_ELEMENTS in ./bostotte");
        List<String> elements = List.of(m.group(1).trim().split("\\s+"));
        assertTrue(elements.contains("nicesrc"), elements.toString());
        return elements;
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The parent pom's version. */
    static String projectVersion() throws IOException {
        String pom = Files.readString(Launcher.repositoryRoot().resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>bostotte-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "no version in the parent pom");
        return m.group(1);
    }
}
