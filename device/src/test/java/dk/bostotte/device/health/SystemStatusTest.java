package dk.bostotte.device.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.platform.FakeRoot;
import dk.bostotte.protocol.codec.Checks;
import dk.bostotte.protocol.message.DeviceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemStatusTest {

    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    private FakeRoot kiosk() {
        return new FakeRoot(tmp.resolve("root"))
                .file("/proc/uptime", "93784.52 351234.10\n")
                .file("/proc/meminfo", "MemTotal:        8029476 kB\nMemFree:          512000 kB\nMemAvailable:    3921504 kB\n")
                .file("/sys/class/thermal/thermal_zone0/temp", "48312\n")
                .file("/sys/class/video4linux/video0/name", "unicam-image\n")
                .file("/sys/class/video4linux/video10/name", "bcm2835-codec-decode\n")
                .file("/proc/asound/card0/pcm0c/info", "capture")
                .file("/proc/asound/card1/pcm3p/info", "playback")
                .file("/sys/class/drm/card1-HDMI-A-1/status", "connected\n")
                .file("/sys/class/drm/card1-HDMI-A-2/status", "disconnected\n");
    }

    @Test
    void readsUptimeAndMemoryFromProc() {
        ProcReadings proc = new ProcReadings(kiosk().root);
        assertEquals(93784, proc.uptimeS());
        assertEquals(7841, proc.memTotalMb());
        assertEquals(3829, proc.memAvailableMb());
    }

    @Test
    void findsCameraMicrophoneSpeakerAndConnectedScreen() {
        Peripherals p = new Peripherals(kiosk().root);
        assertTrue(p.camera());
        assertTrue(p.microphone());
        assertTrue(p.speaker());
        assertTrue(p.screen());
    }

    @Test
    void aPiWithOnlyItsOwnCodecAndIspNodesHasNoCamera() {
        FakeRoot r = new FakeRoot(tmp);
        for (String[] node : new String[][] {{"video10", "bcm2835-codec-decode"}, {"video11", "bcm2835-codec-encode"},
                {"video12", "bcm2835-codec-isp"}, {"video13", "bcm2835-isp"}, {"video19", "rpivid"}}) {
            r.file("/sys/class/video4linux/" + node[0] + "/name", node[1] + "\n");
        }
        assertFalse(new Peripherals(r.root).camera(), "the codec is not a camera");
        r.file("/sys/class/video4linux/video0/name", "HD Pro Webcam C920\n");
        assertTrue(new Peripherals(r.root).camera(), "a USB webcam is");
    }

    @Test
    void aDisconnectedScreenIsNoScreen() {
        FakeRoot r = new FakeRoot(tmp).file("/sys/class/drm/card1-HDMI-A-1/status", "disconnected\n");
        assertFalse(new Peripherals(r.root).screen());
    }

    @Test
    void playbackOnlyCardHasNoMicrophone() {
        FakeRoot r = new FakeRoot(tmp).file("/proc/asound/card0/pcm0p/info", "")
                .directory("/proc/asound/HDMI"); // the name symlink ALSA adds is not a card
        Peripherals p = new Peripherals(r.root);
        assertTrue(p.speaker());
        assertFalse(p.microphone());
    }

    @Test
    void readsCpuTemperatureInCelsius() {
        assertEquals(48.312, new CpuThermal(kiosk().root, Optional.empty()).cpuTempC(), 1e-9);
    }

    @Test
    void anEmptySystemGivesZerosNullsAndFalseWithoutThrowing() {
        FakeRoot empty = new FakeRoot(tmp.resolve("empty"));
        DeviceStatus s = new SystemStatus(clock, "1.2.3", tmp, empty.root, new CpuThermal(empty.root, Optional.empty())).read();
        assertEquals(0, s.uptimeS());
        assertEquals(0, s.memTotalMb());
        assertNull(s.cpuTempC());
        assertNull(s.throttled(), "no vcgencmd, no answer");
        assertFalse(s.camera() || s.microphone() || s.speaker() || s.screen());
        assertTrue(s.diskTotalMb() > 0, "disk comes from the data directory's real file system");
        assertEquals(Instant.parse("2025-03-01T12:00:00Z"), s.at());
    }

    @Test
    void statusFromAKioskPassesTheProtocolChecks() {
        FakeRoot k = kiosk();
        DeviceStatus s = new SystemStatus(clock, "1.2.3", tmp, k.root, new CpuThermal(k.root, Optional.empty())).read();
        Checks checks = new Checks();
        s.check(checks);
        assertEquals(Optional.empty(), checks.firstError());
        assertTrue(s.camera() && s.microphone() && s.speaker() && s.screen());
    }

    @Test
    void throttledComesFromVcgencmdWhenInstalled() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path tool = bin.resolve("vcgencmd");
        Files.writeString(tool, "#!/bin/sh\necho throttled=0x50005\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Optional<Path> found = CpuThermal.findOnPath("vcgencmd", "/nonexistent:" + bin);
        assertEquals(Optional.of(tool), found);
        assertEquals(Boolean.TRUE, new CpuThermal(kiosk().root, found).throttled());
    }

    @Test
    void onlyCurrentThrottlingCountsNotPastEvents() {
        assertEquals(Boolean.TRUE, CpuThermal.parseThrottled("throttled=0x50005\n"));
        assertEquals(Boolean.FALSE, CpuThermal.parseThrottled("throttled=0x50000"));
        assertEquals(Boolean.FALSE, CpuThermal.parseThrottled("throttled=0x0"));
        assertNull(CpuThermal.parseThrottled("error=1 error_msg=\"Command not registered\""));
    }

    @Test
    void simulatedKioskHasEveryPeripheralAndPassesTheChecks() {
        DeviceStatus s = new SimulatedStatus(clock, "dev", new java.util.Random(1)).read();
        Checks checks = new Checks();
        s.check(checks);
        assertEquals(Optional.empty(), checks.firstError());
        assertTrue(s.camera() && s.microphone() && s.speaker() && s.screen());
        assertTrue(s.uptimeS() > 0 && s.memAvailableMb() < s.memTotalMb());
    }
}
