package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceProcessTest {

    @Test
    void devicesStartedByTestsAndBenchesRunTheJvmTheKioskLauncherRuns() throws Exception {
        // The file in the source tree, as the launcher installs it; the tests read the copy in the
        // device's jar, which a build of the system tests alone finds in the local repository.
        List<String> inSource = Files.readAllLines(Path.of("..", "device", "packaging", "jvm.options")).stream()
                .map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
        assertTrue(inSource.contains("-XX:+UseSerialGC"), inSource.toString());
        assertEquals(inSource, DeviceProcess.jvmOptions());
    }
}
