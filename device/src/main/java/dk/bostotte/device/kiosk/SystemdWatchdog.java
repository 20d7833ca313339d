package dk.bostotte.device.kiosk;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd the app is ready, and keeps telling it the app is alive while {@code healthy}
 * holds, at half the unit's {@code WatchdogSec}. A hung app stops the pings and systemd restarts
 * it. Without systemd (no {@code NOTIFY_SOCKET}) or without libsystemd this does nothing.
 */
public final class SystemdWatchdog {

    private static final Logger log = LoggerFactory.getLogger(SystemdWatchdog.class);

    interface Notifier {
        void notify(String state);
    }

    interface SystemdLib extends Library {
        int sd_notify(int unsetEnvironment, String state);
    }

    private SystemdWatchdog() {
    }

    /** The real notifier when running under systemd with libsystemd available. */
    static Optional<Notifier> systemd(Map<String, String> env) {
        if (env.get("NOTIFY_SOCKET") == null) {
            return Optional.empty();
        }
        try {
            SystemdLib lib = Native.load("systemd", SystemdLib.class);
            return Optional.of(state -> lib.sd_notify(0, state));
        } catch (UnsatisfiedLinkError e) {
            log.warn("NOTIFY_SOCKET is set but libsystemd cannot be loaded: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The ping interval from systemd's {@code WATCHDOG_USEC} (half of it), if the unit has a watchdog. */
    static Optional<Duration> interval(Map<String, String> env) {
        try {
            long usec = Long.parseLong(env.getOrDefault("WATCHDOG_USEC", ""));
            return usec > 0 ? Optional.of(Duration.ofNanos(usec * 1000 / 2)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static void start(ScheduledExecutorService timer, BooleanSupplier healthy) {
        Map<String, String> env = System.getenv();
        systemd(env).ifPresent(n -> start(n, interval(env), timer, healthy));
    }

    static void start(Notifier n, Optional<Duration> every, ScheduledExecutorService timer, BooleanSupplier healthy) {
        n.notify("READY=1\nSTATUS=running");
        every.ifPresent(d -> timer.scheduleAtFixedRate(() -> {
            if (healthy.getAsBoolean()) {
                n.notify("WATCHDOG=1");
            } else {
                log.warn("not healthy: no watchdog ping, systemd will restart the app");
            }
        }, 0, d.toMillis(), TimeUnit.MILLISECONDS));
        log.info("told systemd the app is ready{}", every.map(d -> "; watchdog ping every " + d.toMillis() + " ms").orElse(""));
    }
}
