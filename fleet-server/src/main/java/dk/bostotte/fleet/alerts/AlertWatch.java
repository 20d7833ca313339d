package dk.bostotte.fleet.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Tells which devices a condition holds for now, with a line saying what is wrong. Blocking. */
public interface AlertWatch {

    AlertKind kind();

    /** Devices the condition holds for at {@code now}, each with its detail for IT support. */
    Map<String, String> holdingAt(Instant now);

    /**
     * How long the condition must hold before it is raised, when the watch knows better than the
     * service-wide setting (a device offline for 24 h has waited long enough already).
     */
    default Optional<Duration> raiseAfter() {
        return Optional.empty();
    }
}
