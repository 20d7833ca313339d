package dk.bostotte.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's packaging in {@code device/packaging/}, as hardware-notes/os-image.md installs it:
 * the systemd unit checked by systemd itself ({@code systemd-analyze verify}: every key known and
 * well-formed; cage, which the OS image installs, has a stand-in), the launcher the unit starts
 * checked by {@code sh -n} and against the JVM the benchmarks measured, and the PAM stack the unit names.
 */
class KioskUnitTest {

    static final Path UNIT = Path.of("packaging", "bostotte-kiosk.service");
    static final Path LAUNCHER = Path.of("packaging", "bostotte-device");
    static final Path PAM = Path.of("packaging", "bostotte-kiosk.pam");
    static final Path JVM_OPTIONS = Path.of("packaging", "jvm.options");

    @TempDir
    Path dir;

    private String verify(String unitText) throws IOException, InterruptedException {
        Path cage = dir.resolve("cage");
        Files.writeString(cage, "#!/bin/sh\n");
        cage.toFile().setExecutable(true);
        String local = unitText.replace("/usr/bin/cage", cage.toString());
        Path unit = dir.resolve("bostotte-kiosk.service");
        Files.writeString(unit, local);
        return run("systemd-analyze", "verify", "--man=no", unit.toString());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() + ":" + out.trim();
    }

    /** Where a packaging file goes, from its own first line ("# Installed as /path ..."). */
    private static String installedAs(Path file) throws IOException {
        Matcher m = Pattern.compile("^#!.*\\n# Installed as (\\S+?)[ ,:;]|^# Installed as (\\S+?)[ ,:;]")
                .matcher(Files.readString(file));
        assertTrue(m.find(), file + " says where it is installed");
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        String unit = Files.readString(UNIT);
        assertEquals("0:", verify(unit));
        assertTrue(unit.contains("Restart=always") && unit.contains("WatchdogSec=") && unit.contains("Type=notify"),
                "restarts by itself and is watched");
    }

    @Test
    void theCheckWouldCatchAMistake() throws Exception {
        String broken = Files.readString(UNIT).replace("Restart=always", "Restart=sometimes");
        String said = verify(broken);
        assertTrue(said.contains("sometimes"), "systemd-analyze reports the bad value: " + said);
    }

    @Test
    void theUnitStartsTheLauncherInCage() throws Exception {
        String launcher = installedAs(LAUNCHER);
        assertEquals("/opt/bostotte/bin/bostotte-device", launcher);
        assertTrue(Files.readString(UNIT).lines().anyMatch(l -> l.equals("ExecStart=/usr/bin/cage -d -- " + launcher)),
                "the unit's ExecStart runs the launcher in cage");
        assertTrue(Files.isExecutable(LAUNCHER), "the launcher is executable (mode 0755 in git)");
        assertEquals("0:", run("sh", "-n", LAUNCHER.toString()));

        Path broken = dir.resolve("broken");
        Files.writeString(broken, Files.readString(LAUNCHER).replace("'/opt/bostotte/device/device.jar", "/opt/bostotte/device/device.jar"));
        assertTrue(run("sh", "-n", broken.toString()).startsWith("2:"), "sh -n catches an unbalanced quote");
    }

    @Test
    void theLauncherRunsTheJvmTheKioskBenchMeasured() throws Exception {
        String launcher = Files.readString(LAUNCHER);
        // The JVM options file the benchmarks' devices (system-tests' DeviceProcess) and ./bostotte read too,
        // installed beside the app (hardware-notes/os-image.md), with the flags BENCHMARKS.md reports.
        assertTrue(launcher.contains("export MALLOC_ARENA_MAX=2"), "the launcher sets MALLOC_ARENA_MAX=2");
        assertTrue(launcher.contains("exec java @" + installedAs(JVM_OPTIONS) + " "), launcher);
        List<String> options = Files.readAllLines(JVM_OPTIONS).stream().map(l -> l.replaceFirst("#.*", "").strip())
                .filter(l -> !l.isEmpty()).toList();
        assertEquals(List.of("-Xmx64m", "-Xms16m", "-Xmn6m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), options);
        assertTrue(Files.readString(Path.of("..", "hardware-notes", "os-image.md"))
                .contains("device/packaging/jvm.options " + installedAs(JVM_OPTIONS)), "the OS image installs it");
        // The JVM itself takes the file as it stands, comments and all.
        assertEquals("0:", run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + JVM_OPTIONS, "-version")
                .substring(0, 2));
        Matcher main = Pattern.compile("\\s(dk\\.bostotte\\.device\\.\\w+)\\s").matcher(launcher);
        assertTrue(main.find());
        assertEquals("dk.bostotte.device.DeviceMain", Class.forName(main.group(1)).getName());
        assertTrue(launcher.contains("--data /var/lib/bostotte") && launcher.contains("\"$@\""), "state outside the bundle; flags passed on");
        assertTrue(Files.readString(UNIT).contains("StateDirectory=bostotte"), "systemd makes /var/lib/bostotte for the app user");
    }

    @Test
    void thePamStackIsTheOneTheUnitNames() throws Exception {
        assertTrue(Files.readString(UNIT).lines().anyMatch(l -> l.equals("PAMName=bostotte-kiosk")));
        assertEquals("/etc/pam.d/bostotte-kiosk", installedAs(PAM));
        Set<String> types = Set.of("auth", "account", "password", "session");
        Set<String> controls = Set.of("required", "requisite", "sufficient", "optional");
        List<String[]> rules = Files.readString(PAM).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.trim().split("\\s+")).toList();
        for (String[] r : rules) {
            assertTrue(r.length >= 3 && types.contains(r[0]) && controls.contains(r[1]) && r[2].endsWith(".so"),
                    "type, control, module: " + String.join(" ", r));
        }
        assertTrue(rules.stream().anyMatch(r -> r[0].equals("session") && r[2].equals("pam_systemd.so")),
                "pam_systemd: the session gets its seat, so the display, touch and sound devices");
    }
}
