package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Telemetry taken while the server is down, and across a device restart, arrives exactly once. */
class StoreAndForwardIT {

    static FleetTestEnvironment env;

    @BeforeAll
    static void fleet() {
        env = FleetTestEnvironment.start(); // its own: this test stops and restarts the server
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void telemetryProducedWhileServerIsDownArrivesOnceAfterRestarts() throws Exception {
        EnrolledDevice d = env.enroll("rpi4", "saf-1");
        String id = d.id().value();
        DeviceProcess first = env.startDevice(d, "--simulate", "--telemetry-interval-s", "1");
        first.awaitConnected(Duration.ofSeconds(30));
        FleetTestEnvironment.await("first samples stored", Duration.ofSeconds(20),
                () -> env.db().fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(id)) >= 3);

        env.stopServer();
        OffsetDateTime downFrom = OffsetDateTime.now();
        Thread.sleep(4000);
        first.killHard(); // the device loses power too, with samples still queued on its disk
        DeviceProcess second = env.startDevice(d, "--simulate", "--telemetry-interval-s", "1");
        Thread.sleep(4000);
        OffsetDateTime downTo = OffsetDateTime.now();
        env.startServer();
        try {
            second.awaitConnected(Duration.ofSeconds(60));
            FleetTestEnvironment.await("samples from the outage stored", Duration.ofSeconds(30), () -> env.db()
                    .fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(id).and(TELEMETRY.SAMPLED_AT.between(downFrom, downTo))) >= 5);
            Thread.sleep(2000);

            var rows = env.db().select(TELEMETRY.SEQ, TELEMETRY.SAMPLED_AT).from(TELEMETRY).where(TELEMETRY.DEVICE_ID.eq(id))
                    .orderBy(TELEMETRY.SEQ).fetch();
            // Consecutive sequence numbers form runs; a restarted agent starts a new run. Two runs
            // (one per agent process) with nothing missing inside either means nothing was lost.
            List<int[]> runs = new ArrayList<>();
            long prev = Long.MIN_VALUE;
            for (var r : rows) {
                if (r.value1() != prev + 1) {
                    runs.add(new int[] {0});
                }
                runs.get(runs.size() - 1)[0]++;
                prev = r.value1();
            }
            assertEquals(2, runs.size(), "one unbroken run of samples per agent process, seqs: "
                    + rows.getValues(TELEMETRY.SEQ));
            for (int i = 1; i < rows.size(); i++) {
                long gapMs = Duration.between(rows.get(i - 1).value2(), rows.get(i).value2()).toMillis();
                assertTrue(gapMs < 8000, "no hole in the timeline beyond the agent restart: " + gapMs + " ms");
            }
        } finally {
            second.close();
        }
    }
}
