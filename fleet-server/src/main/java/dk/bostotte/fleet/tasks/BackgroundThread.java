package dk.bostotte.fleet.tasks;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A named daemon thread for a service's own timers, so the thread dump says whose work it is. */
public final class BackgroundThread {

    private BackgroundThread() {
    }

    public static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
