package dk.bostotte.fleet.alerts;

import java.time.Instant;
import java.util.Map;

/** Tells which devices a condition holds for now, with a line saying what is wrong. Blocking. */
public interface AlertWatch {

    AlertKind kind();

    /** Devices the condition holds for at {@code now}, each with its detail for IT support. */
    Map<String, String> holdingAt(Instant now);
}
