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
 * A flood of telemetry against a server whose ingest queue is tiny: every sample the broker
 * acknowledged is in PostgreSQL, exactly once. When the queue is full the device is told to send
 * again later (PUBACK 0x80), so overload slows publishers down instead of losing anything.
 */
class IngestFloodIT {

    static FleetTestEnvironment env;

    @BeforeAll
    static void fleet() {
        // Its own server with a tiny ingest queue, so overload also meets the "queue full, resend later" path.
        env = FleetTestEnvironment.start(Map.of("ingest.queue.capacity", "100", "ingest.batch.size", "50"));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void everyAcknowledgedSampleIsStoredUnderFlood() throws Exception {
        int deviceCount = 20;
        int publishes = 100;
        int samples = 20;
        List<EnrolledDevice> devices = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            devices.add(env.enroll("load", "flood-" + i));
        }
        TelemetryLoad.Result result = TelemetryLoad.flood(devices, env.mqttPort(), env.ca().certificate(),
                publishes, samples, Duration.ofMinutes(4));
        long expected = (long) deviceCount * publishes * samples;
        assertEquals(expected, result.acknowledgedSamples(), "every publish was eventually acknowledged");
        FleetTestEnvironment.await("every acknowledged sample stored", Duration.ofSeconds(60),
                () -> env.db().fetchCount(TELEMETRY) >= expected);
        assertEquals(expected, env.db().fetchCount(TELEMETRY), "every acknowledged sample is stored, once");
        double rejected = env.server().metrics().registry().find("bostotte.mqtt.messages.rejected").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertEquals(0.0, rejected, "nothing was refused as invalid");
    }
}
