package dk.bostotte.device.health;

import dk.bostotte.device.platform.SystemRoot;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CPU temperature and, on a Raspberry Pi, whether the firmware is throttling. Kiosks sit in closets
 * and on sunny windowsills; a hot or under-powered Pi drops frames in calls long before it fails.
 */
public final class CpuThermal {

    private final SystemRoot root;
    private final Optional<Path> vcgencmd;

    /** @param vcgencmd the Pi firmware tool, if installed (see {@link #findOnPath}) */
    public CpuThermal(SystemRoot root, Optional<Path> vcgencmd) {
        this.root = root;
        this.vcgencmd = vcgencmd;
    }

    /** Degrees Celsius, or null without a sensor or with a reading outside what the protocol accepts. */
    public Double cpuTempC() {
        return root.read("/sys/class/thermal/thermal_zone0/temp").map(s -> {
            try {
                double c = Long.parseLong(s) / 1000.0;
                return c >= -40 && c <= 150 ? c : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    /** Null when {@code vcgencmd} is absent or does not answer. */
    public Boolean throttled() {
        if (vcgencmd.isEmpty()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(vcgencmd.get().toString(), "get_throttled").redirectErrorStream(true).start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return parseThrottled(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * {@code throttled=0x50005}: bits 0-3 are what is happening now (under-voltage, frequency capped,
     * throttled, soft temperature limit); bits 16-19 only say it happened since boot.
     */
    static Boolean parseThrottled(String output) {
        String s = output.trim();
        int eq = s.indexOf('=');
        if (eq < 0 || !s.substring(eq + 1).startsWith("0x")) {
            return null;
        }
        try {
            return (Long.parseLong(s.substring(eq + 3).trim(), 16) & 0xF) != 0;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Optional<Path> findOnPath(String command, String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        return List.of(pathVariable.split(File.pathSeparator)).stream().filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, command)).filter(Files::isExecutable).findFirst();
    }
}
