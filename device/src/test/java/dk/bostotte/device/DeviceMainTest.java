package dk.bostotte.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.kiosk.GpioOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeviceMainTest {

    @TempDir
    Path tmp;

    private record Run(int exitCode, String stderr) {
    }

    private static Run run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = new CommandLine(new DeviceMain());
            cli.setErr(new PrintWriter(System.err, true));
            int code = cli.execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void missingBundleFileExitsWithCode2AndNamesTheFileWithoutAStackTrace() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(bundle.resolve("device.properties"), "device.id=x\n");
        Run r = run("--bundle", bundle.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains(bundle.resolve("device.p12").toString()), r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace for the citizen: " + r.stderr());
    }

    @Test
    void nonPositiveIntervalIsRefusedNamingTheOption() {
        Run r = run("--bundle", tmp.toString(), "--status-interval-s", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("--status-interval-s"), r.stderr());
    }

    @Test
    void aPinOnTheCommandLineWinsThenTheBundlesThenTheDefaultWiring() {
        assertEquals(5, GpioOptions.pin(5, Optional.of(22), 17));
        assertEquals(22, GpioOptions.pin(null, Optional.of(22), 17));
        assertEquals(17, GpioOptions.pin(null, Optional.empty(), 17));
    }

    @Test
    void bundleOptionIsRequired() {
        Run r = run();
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("--bundle"), r.stderr());
    }
}
