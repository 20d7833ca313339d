package dk.bostotte.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's systemd unit, checked by systemd itself ({@code systemd-analyze verify}): every key
 * known and well-formed. cage and the app launcher come with the OS image (hardware-notes/os-image.md),
 * so stand-ins at a temporary path take their place; the rest of the unit is checked as shipped.
 */
class KioskUnitTest {

    static final Path UNIT = Path.of("packaging", "bostotte-kiosk.service");

    @TempDir
    Path dir;

    private String verify(String unitText) throws IOException, InterruptedException {
        for (String exe : new String[] {"cage", "bostotte-device"}) {
            Path p = dir.resolve(exe);
            Files.writeString(p, "#!/bin/sh\n");
            p.toFile().setExecutable(true);
        }
        String local = unitText.replace("/usr/bin/cage", dir.resolve("cage").toString())
                .replace("/opt/bostotte/bin/bostotte-device", dir.resolve("bostotte-device").toString());
        Path unit = dir.resolve("bostotte-kiosk.service");
        Files.writeString(unit, local);
        Process p = new ProcessBuilder("systemd-analyze", "verify", "--man=no", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() + ":" + out.trim();
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
}
