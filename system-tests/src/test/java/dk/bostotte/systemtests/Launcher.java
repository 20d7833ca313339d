package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ./bostotte} script as municipal IT would, with a bounded time. It never builds
 * (BOSTOTTE_NO_BUILD: Maven's reactor has built what it runs) and never reaches the package manager:
 * {@code apt-get} and {@code mvn} first on its PATH are fakes that record being called.
 */
final class Launcher {

    /** What one run printed and how it ended. */
    record Result(int exit, String stdout, String stderr) {

        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path root = repositoryRoot();
    private final Path fakes;
    private final Path calls;

    Launcher(Path work) {
        try {
            fakes = Files.createDirectories(work.resolve("fake-bin"));
            calls = work.resolve("package-manager-calls.log");
            fake("apt-get", "echo \"apt-get $*\" >> '" + calls + "'");
            fake("mvn", "echo \"mvn $*\" >> '" + calls + "'; echo 'the launcher tried to build' >&2; exit 1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** Adds an executable {@code name} to the fakes on PATH, running this shell script body. */
    void fake(String name, String body) {
        try {
            Path file = fakes.resolve(name);
            Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The apt-get and mvn calls the launcher made, empty when none. */
    List<String> packageManagerCalls() {
        try {
            return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ./bostotte ARGS} with the fakes first on this machine's PATH. */
    Result run(Map<String, String> env, Duration timeout, String... args) {
        return run(fakes + ":" + System.getenv("PATH"), env, timeout, args);
    }

    /** {@code ./bostotte ARGS} with the fakes first on {@code /usr/bin:/bin} only: a machine of fakes. */
    Result runOnFakesOnly(Map<String, String> env, Duration timeout, String... args) {
        return run(fakes + ":/usr/bin:/bin", env, timeout, args);
    }

    private Result run(String path, Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("bostotte").toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(fakes.getParent(), "launcher-", ".out");
            Path err = Files.createTempFile(fakes.getParent(), "launcher-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().put("PATH", path);
            pb.environment().put("BOSTOTTE_NO_BUILD", "1");
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("./bostotte " + String.join(" ", args) + " did not end within " + timeout + "\n--- stdout\n"
                        + Files.readString(out) + "--- stderr\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The checkout's root: the directory above the working directory that holds the parent pom and the launcher. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(dir.resolve("bostotte")) && Files.isRegularFile(pom)
                        && Files.readString(pom).contains("<artifactId>bostotte-parent</artifactId>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no ./bostotte beside the parent pom above " + Path.of("").toAbsolutePath());
    }
}
