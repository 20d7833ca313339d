package dk.bostotte.device.call;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits in tests for something GStreamer's threads do. */
final class Await {

    private Await() {
    }

    static void until(Duration timeout, BooleanSupplier done, String what) throws InterruptedException {
        until(timeout, done, () -> what);
    }

    /** {@code what} is asked at the time out, to say how far it got. */
    static void until(Duration timeout, BooleanSupplier done, Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
