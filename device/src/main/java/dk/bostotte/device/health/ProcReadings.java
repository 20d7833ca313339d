package dk.bostotte.device.health;

import dk.bostotte.device.platform.SystemRoot;
import java.util.OptionalLong;

/** Uptime and memory from {@code /proc}; zero when the kernel does not tell (the status fields are not optional). */
public final class ProcReadings {

    private final SystemRoot root;

    public ProcReadings(SystemRoot root) {
        this.root = root;
    }

    public long uptimeS() {
        return root.read("/proc/uptime").map(s -> {
            try {
                return (long) Double.parseDouble(s.split("\\s+")[0]);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    public long memTotalMb() {
        return meminfoKb("MemTotal").orElse(0) / 1024;
    }

    public long memAvailableMb() {
        return meminfoKb("MemAvailable").orElse(0) / 1024;
    }

    /** A line like {@code MemAvailable:    3921504 kB}. */
    private OptionalLong meminfoKb(String key) {
        String text = root.read("/proc/meminfo").orElse("");
        for (String line : text.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
