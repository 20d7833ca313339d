package dk.bostotte.device.support;

import dk.bostotte.device.platform.SystemTools;
import dk.bostotte.protocol.DeviceApi;
import dk.bostotte.protocol.message.Command;
import dk.bostotte.device.fleet.CommandDispatcher;
import dk.bostotte.device.fleet.CommandHandler.Completion;
import dk.bostotte.protocol.message.CommandType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IT support's remote hands on the device: {@code lock} and {@code unlock}, {@code restart-app},
 * {@code reboot}, {@code collect-logs} (a diagnostics bundle uploaded over the device's own HTTPS
 * connection) and {@code wipe} (credentials and local data erased; the fleet then revokes the
 * certificate). A command that ends the app answers first and acts a moment later, so the answer
 * reaches the fleet.
 */
public final class RemoteSupport {

    private static final Logger log = LoggerFactory.getLogger(RemoteSupport.class);
    /** Time for the answer to leave before the app stops. */
    static final Duration ACT_AFTER = Duration.ofSeconds(2);
    /** Exit status asking the supervisor (systemd, the launcher) for a fresh start. */
    public static final int EXIT_RESTART = 75;

    /** How the app ends itself, with an exit status; stops the agent cleanly first. */
    @FunctionalInterface
    public interface AppExit {
        void exit(int status);
    }

    private final LockState lock;
    private final DiagnosticsBundle diagnostics;
    private final SystemTools tools;
    private final boolean simulated;
    private final ScheduledExecutorService timer;
    private final AppExit appExit;
    private final List<Path> wipeOnCommand;
    private final HttpClient http;
    private final URI logUpload;

    /**
     * @param wipeOnCommand files and directories {@code wipe} deletes: the credential bundle and the
     *                      data directory
     */
    public RemoteSupport(LockState lock, DiagnosticsBundle diagnostics, SystemTools tools, boolean simulated,
                         ScheduledExecutorService timer, AppExit appExit, List<Path> wipeOnCommand, SSLContext tls,
                         String serverHost, int deviceApiPort) {
        this.lock = lock;
        this.diagnostics = diagnostics;
        this.tools = tools;
        this.simulated = simulated;
        this.timer = timer;
        this.appExit = appExit;
        this.wipeOnCommand = wipeOnCommand;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        this.logUpload = DeviceApi.at(serverHost, deviceApiPort, DeviceApi.LOGS);
    }

    public void registerWith(CommandDispatcher commands) {
        commands.register(CommandType.LOCK, c -> {
            String message = c.params() == null ? "" : c.params().getOrDefault(Command.LOCK_MESSAGE, "");
            return done(() -> lock.lock(message), "locked");
        });
        commands.register(CommandType.UNLOCK, c -> done(lock::unlock, "unlocked"));
        commands.register(CommandType.RESTART_APP, c -> {
            later(() -> appExit.exit(EXIT_RESTART));
            return CompletableFuture.completedFuture(Completion.done("restarting the app"));
        });
        commands.register(CommandType.REBOOT, c -> CompletableFuture.supplyAsync(this::reboot, timer));
        commands.register(CommandType.COLLECT_LOGS, c -> CompletableFuture.supplyAsync(() -> uploadBundle(c.id()), timer));
        commands.register(CommandType.WIPE, c -> {
            later(this::wipe);
            return CompletableFuture.completedFuture(Completion.done("erasing credentials and local data"));
        });
    }

    private interface Action {
        void run() throws IOException;
    }

    private static CompletableFuture<Completion> done(Action a, String what) {
        try {
            a.run();
            return CompletableFuture.completedFuture(Completion.done(what));
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Completion.failed(what + " failed: " + e.getMessage()));
        }
    }

    private void later(Runnable r) {
        timer.schedule(r, ACT_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Completion reboot() {
        if (simulated) {
            // A simulated device runs on a developer's or CI machine: never reboot that.
            return Completion.done("simulated device: reboot skipped");
        }
        later(() -> tools.run(Duration.ofSeconds(10), List.of("systemctl", "reboot")));
        return Completion.done("rebooting");
    }

    private Completion uploadBundle(String commandId) {
        try {
            byte[] zip = diagnostics.zip();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(DeviceApi.withQuery(logUpload, DeviceApi.COMMAND, commandId))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                return Completion.failed("upload refused: HTTP " + r.statusCode() + " " + r.body());
            }
            return Completion.done("uploaded " + zip.length + " bytes: " + r.body());
        } catch (IOException e) {
            return Completion.failed("upload failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Completion.failed("interrupted");
        }
    }

    private void wipe() {
        log.warn("wiping credentials and local data, as IT support asked");
        for (Path p : wipeOnCommand) {
            try {
                deleteTree(p);
            } catch (IOException e) {
                log.warn("could not erase {}: {}", p, e.toString());
            }
        }
        appExit.exit(0);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
