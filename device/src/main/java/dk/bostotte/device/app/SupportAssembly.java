package dk.bostotte.device.app;

import dk.bostotte.device.call.CallController;
import dk.bostotte.device.call.MediaPlan;
import dk.bostotte.device.config.BundleException;
import dk.bostotte.device.config.BundleTls;
import dk.bostotte.device.config.ConfigBundle;
import dk.bostotte.device.config.LiveSettings;
import dk.bostotte.device.fleet.TelemetryQueue;
import dk.bostotte.device.netq.NetworkSampler;
import dk.bostotte.device.platform.SystemTools;
import dk.bostotte.device.support.DiagnosticsBundle;
import dk.bostotte.device.support.LockState;
import dk.bostotte.device.support.LogRing;
import dk.bostotte.device.support.RemoteSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IT support's side of the kiosk: the lock (it refuses calls, hangs up the one on and shows on the
 * screen), the diagnostics bundle, and the remote-support commands on the agent's dispatcher.
 */
public final class SupportAssembly {

    private static final Logger log = LoggerFactory.getLogger(SupportAssembly.class);

    private final ConfigBundle bundle;
    private final String version;
    private final Path dataDir;
    private final boolean simulate;
    private final CallController calls;
    private final LockState lock;

    /** {@code lockShown} hears the lock's message (empty: unlocked), now and on each change. */
    public SupportAssembly(ConfigBundle bundle, String version, Path dataDir, boolean simulate, CallController calls,
                           Executor agentThread, Consumer<Optional<String>> lockShown) {
        this.bundle = bundle;
        this.version = version;
        this.dataDir = dataDir;
        this.simulate = simulate;
        this.calls = calls;
        this.lock = new LockState(dataDir);
        calls.refuseWhile(lock::isLocked);
        lockShown.accept(lock.isLocked() ? Optional.of(lock.message().orElse("")) : Optional.empty());
        lock.onChange(m -> {
            lockShown.accept(m);
            log.info("device {} {}", bundle.deviceId(), m.isPresent() ? "locked by IT support" : "unlocked by IT support");
            if (m.isPresent()) {
                agentThread.execute(calls::hangUp);
            }
        });
        if (lock.isLocked()) {
            log.info("device {} is locked by IT support: calls are refused", bundle.deviceId());
        }
    }

    public LockState lock() {
        return lock;
    }

    /** What {@code collect-logs} sends: the recent log, and a section from each part of the app. */
    public DiagnosticsBundle diagnostics(LogRing logRing, LiveSettings settings, TelemetryQueue queue, MediaPlan plan,
                                         BooleanSupplier connectedToFleet) {
        return new DiagnosticsBundle(logRing)
                .section("app", () -> Map.of("deviceId", bundle.deviceId().value(), "model", bundle.model(),
                        "serial", bundle.serial(), "version", version, "simulated", simulate,
                        "java", System.getProperty("java.version"),
                        "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")))
                .section("settings", settings::current)
                .section("lock", () -> Map.of("locked", lock.isLocked(), "message", lock.message().orElse("")))
                .section("telemetryQueue", () -> Map.of("waiting", queue.size(), "droppedWhenFull", queue.dropped(),
                        "corruptSkipped", queue.corruptSkipped()))
                .section("lastSample", () -> queue.snapshot().stream().reduce((a, b) -> b).map(NetworkSampler::describe)
                        .orElse("none waiting to be sent"))
                .section("call", () -> calls.phase().toString())
                .section("media", plan::toString)
                .section("connectedToFleet", connectedToFleet::getAsBoolean);
    }

    /** Lock, restart, reboot, collect logs and wipe, as commands from the fleet; a restart or wipe stops the agent first. */
    public void registerWith(DeviceAgent agent, DiagnosticsBundle diagnostics) throws BundleException {
        ScheduledExecutorService supportThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "remote-support");
            t.setDaemon(true);
            return t;
        });
        new RemoteSupport(lock, diagnostics, SystemTools.real(), simulate, supportThread, exitStatus -> {
            agent.stop();
            Runtime.getRuntime().halt(exitStatus);
        }, List.of(dataDir, bundle.dir()), BundleTls.sslContext(bundle), bundle.serverHost(),
                bundle.devicePort()).registerWith(agent.commands());
    }
}
