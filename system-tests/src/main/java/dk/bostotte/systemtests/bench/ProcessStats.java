package dk.bostotte.systemtests.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            double used = usedBetween(before, tid, now);
            if (used > 0) {
                out.merge(now.name().replaceAll("\\d+", ""), used / seconds, Double::sum);
            }
        });
        return out;
    }

    /** CPU seconds thread {@code tid} used since {@code before}; all of it if it started since. */
    private static double usedBetween(Map<Long, ThreadCpu> before, long tid, ThreadCpu now) {
        ThreadCpu then = before.get(tid);
        return now.seconds() - (then == null ? 0 : then.seconds());
    }

    /** CPU cores the threads {@code counted} used between two {@link #threads} readings {@code seconds} apart. */
    static double cores(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, double seconds, Set<Long> counted) {
        double used = 0;
        for (var e : after.entrySet()) {
            if (counted.contains(e.getKey())) {
                used += Math.max(0, usedBetween(before, e.getKey(), e.getValue()));
            }
        }
        return used / seconds;
    }

    /** A thread in jcmd's listing: its Java name and its native id (hexadecimal until JDK 19, decimal since). */
    private static final Pattern JCMD_THREAD = Pattern.compile("^\"(.*?)\" .*\\bnid=(0x[0-9a-f]+|\\d+)", Pattern.MULTILINE);

    /**
     * The threads the JVM itself started in a Java process (its own, and the application's), by
     * thread id, as {@code jcmd Thread.print} lists them. Native threads that call into Java are
     * listed too while attached (GStreamer's, through JNA) but keep the kernel name their library
     * gave them, so a thread counts only where the kernel's name is the Java name (cut to the 15
     * characters Linux keeps). Empty when jcmd cannot say.
     */
    static Set<Long> jvmThreads(long pid, Map<Long, ThreadCpu> running) {
        return jvmThreads(jcmdThreadPrint(pid), running);
    }

    static Set<Long> jvmThreads(String threadPrint, Map<Long, ThreadCpu> running) {
        Set<Long> out = new HashSet<>();
        Matcher m = JCMD_THREAD.matcher(threadPrint);
        while (m.find()) {
            String nid = m.group(2);
            long tid = nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid);
            String javaName = m.group(1);
            ThreadCpu thread = running.get(tid);
            if (thread != null && thread.name().equals(javaName.substring(0, Math.min(15, javaName.length())))) {
                out.add(tid);
            }
        }
        return out;
    }

    private static String jcmdThreadPrint(long pid) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
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
