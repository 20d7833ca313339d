package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.load.TelemetryLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A flood of telemetry against a server whose ingest queue is deliberately tiny: every sample the
 * broker acknowledged is in PostgreSQL. Overload slows the publishers (they are told to resend)
 * instead of losing what was acknowledged.
 */
class IngestFloodIT {

    static FleetTestEnvironment env;

    @BeforeAll
    static void fleet() {
        env = FleetTestEnvironment.start(Map.of("ingest.queue.capacity", "100", "ingest.batch.size", "50"));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void everyAcknowledgedSampleIsStoredUnderFlood() throws Exception {
        List<EnrolledDevice> devices = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            devices.add(env.enroll("load", "flood-" + i));
        }
        TelemetryLoad.Result result = TelemetryLoad.flood(devices, env.mqttPort(), env.ca().certificate(),
                250, 20, Duration.ofMinutes(4));
        long expected = 40L * 250 * 20;
        assertEquals(expected, result.acknowledgedSamples(), "every publish was eventually acknowledged");
        assertEquals(expected, env.db().fetchCount(TELEMETRY), "every acknowledged sample is stored, once");
        assertTrue(result.resends() > 0, "the tiny queue pushed back (" + result.resends() + " resends): the test exercised overload");
    }
}
