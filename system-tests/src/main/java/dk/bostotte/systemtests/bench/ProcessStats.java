package dk.bostotte.systemtests.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** RSS and CPU time of another process, read from /proc. */
final class ProcessStats {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private ProcessStats() {
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** User + system CPU seconds used so far. */
    static double cpuSeconds(long pid) {
        return cpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** One thread of a process: its name as the kernel has it, and the CPU seconds it has used. */
    record ThreadCpu(String name, double seconds) {
    }

    /**
     * CPU seconds used so far by each thread of a process, by thread id. GStreamer names its
     * streaming threads after the element and pad ({@code to-encoder:src}), the JVM after its own.
     */
    static Map<Long, ThreadCpu> threads(long pid) {
        Map<Long, ThreadCpu> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    double seconds = cpuSeconds(task.resolve("stat"));
                    if (seconds >= 0) {
                        out.put(Long.parseLong(task.getFileName().toString()), new ThreadCpu(name, seconds));
                    }
                } catch (IOException | NumberFormatException ended) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * CPU cores each kind of thread used between two {@link #threads} readings {@code seconds}
     * apart, by name with numbers left out ({@code nicesrc3:src} and {@code nicesrc7:src} are one
     * kind); threads that started in between count from zero.
     */
    static Map<String, Double> coresByThreadKind(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, double seconds) {
        Map<String, Double> out = new HashMap<>();
        after.forEach((tid, now) -> {
            ThreadCpu then = before.get(tid);
            double used = now.seconds() - (then == null ? 0 : then.seconds());
            if (used > 0) {
                out.merge(now.name().replaceAll("\\d+", ""), used / seconds, Double::sum);
            }
        });
        return out;
    }

    private static double cpuSeconds(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
