package dk.bostotte.device.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an operating-system tool ({@code iw}, {@code mmcli}) and hands back what it printed. Never
 * throws: a tool that is not installed, fails or hangs is simply "no answer", because on a kiosk a
 * missing tool means a missing feature, not an error.
 */
@FunctionalInterface
public interface SystemTools {

    /** Standard output of {@code argv} if it exits with status 0 within {@code timeout}. */
    Optional<String> run(Duration timeout, List<String> argv);

    static SystemTools real() {
        return (timeout, argv) -> {
            Process p;
            try {
                p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                return Optional.empty();
            }
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                return p.exitValue() == 0 ? Optional.of(out.get(1, TimeUnit.SECONDS)) : Optional.empty();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (Exception e) {
                return Optional.empty();
            }
        };
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
