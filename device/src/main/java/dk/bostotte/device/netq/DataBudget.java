package dk.bostotte.device.netq;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The bytes measurements may use per day, so a metered 4G SIM is not eaten by its own tests. A
 * probe asks before it runs; when the day's budget is spent it is skipped, and the skip is told.
 * Kept in memory: a restart gives the day a fresh budget, a small over-spend at worst.
 */
public final class DataBudget {

    private final long bytesPerDay;
    private final Clock clock;
    private LocalDate day;
    private long used;

    public DataBudget(long bytesPerDay, Clock clock) {
        this.bytesPerDay = bytesPerDay;
        this.clock = clock;
    }

    /** Takes {@code bytes} from today's budget if they fit; false (and nothing taken) if not. */
    public synchronized boolean take(long bytes) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.systemDefault()));
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
        if (used + bytes > bytesPerDay) {
            return false;
        }
        used += bytes;
        return true;
    }

    /** Bytes left today. */
    public synchronized long remaining() {
        take(0);
        return Math.max(0, bytesPerDay - used);
    }

    /** Records bytes a measurement used (one that sized itself to {@link #remaining()}). */
    public synchronized void spend(long bytes) {
        take(0);
        used += bytes;
    }

    public synchronized long usedToday() {
        return used;
    }
}
