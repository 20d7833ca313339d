package dk.bostotte.fleet.netq;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** At most {@code limit} units (packets, bytes) per device in each fixed window of {@code windowMs}. */
public final class PerDeviceAllowance {

    private final long windowMs;
    private final long limit;
    private final LongSupplier clockMs;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    public PerDeviceAllowance(long windowMs, long limit, LongSupplier clockMs) {
        this.windowMs = windowMs;
        this.limit = limit;
        this.clockMs = clockMs;
    }

    /** Takes {@code amount} from the device's current window if it fits; false (nothing taken) if not. */
    public boolean take(String device, long amount) {
        long now = clockMs.getAsLong();
        long[] w = windows.compute(device, (k, v) -> v == null || now - v[0] >= windowMs ? new long[] {now, 0} : v);
        synchronized (w) {
            if (w[1] + amount > limit) {
                return false;
            }
            w[1] += amount;
            return true;
        }
    }
}
