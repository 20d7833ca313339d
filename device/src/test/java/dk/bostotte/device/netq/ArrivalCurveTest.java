package dk.bostotte.device.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The download's rate from its arrival curve, on a simulated token-bucket line (tc tbf, as the
 * throughput test's shaper and many real ones): the bursts and a late reader do not read as speed.
 */
class ArrivalCurveTest {

    private static final int RECORD = 16 * 1024; // a TLS record: what one read brings at most here

    /**
     * A body of {@code size} bytes on a line of {@code mbps} whose bucket lets {@code burst} bytes
     * through at once, read record by record by a reader that is first ready at
     * {@code readerLateMs} and then lags each read by up to {@code jitterMs}.
     */
    private static ArrivalCurve read(double mbps, long size, long burst, double readerLateMs, double jitterMs) {
        double bytesPerNano = mbps * 1e6 / 8 / 1e9;
        Random random = new Random(7);
        ArrivalCurve curve = new ArrivalCurve(0);
        double ready = readerLateMs * 1e6;
        for (long got = Math.min(size, RECORD); ; got = Math.min(size, got + RECORD)) {
            double arrived = Math.max(0, (got - burst) / bytesPerNano);
            double at = Math.max(arrived, ready) + random.nextDouble() * jitterMs * 1e6;
            curve.add((long) at, got);
            ready = at;
            if (got == size) {
                return curve;
            }
        }
    }

    private static double mbps(long size, long nanos) {
        return size * 8.0 / 1e6 / (nanos / 1e9);
    }

    @Test
    void theBucketsFirstBurstIsNotSpeed() {
        ArrivalCurve curve = read(1, 96 * 1024, 32 * 1024, 0, 0.5);
        assertTrue(curve.firstReadRate() * 8e3 > 1.15, "the burst does inflate the old rule: " + curve.firstReadRate() * 8e3);
        double measured = mbps(96 * 1024, curve.bodyNanos());
        assertEquals(1.0, measured, 0.03, "measured " + measured);
    }

    @Test
    void aReaderThatComesLateFindsBytesWaitingButStillReadsTheLinesRate() {
        ArrivalCurve curve = read(1, 128 * 1024, 0, 400, 0);
        assertTrue(curve.firstReadRate() * 8e3 > 1.3, "late reading does inflate the old rule: " + curve.firstReadRate() * 8e3);
        double measured = mbps(128 * 1024, curve.bodyNanos());
        assertEquals(1.0, measured, 0.03, "measured " + measured);
    }

    @Test
    void aStallAndTheBurstAfterItAverageToTheLine() {
        // TCP idles 150 ms halfway (a loss); the bucket fills meanwhile and lets what was missed
        // through at once, so after the stall the bytes are where they would have been.
        double bytesPerNano = 1e6 / 8 / 1e9;
        long size = 128 * 1024;
        double stallFrom = 400e6;
        ArrivalCurve curve = new ArrivalCurve(0);
        for (long got = RECORD; got <= size; got += RECORD) {
            double at = got / bytesPerNano;
            curve.add((long) (at > stallFrom && at < stallFrom + 150e6 ? stallFrom + 150e6 : at), got);
        }
        double measured = mbps(size, curve.bodyNanos());
        assertEquals(1.0, measured, 0.03, "measured " + measured);
    }

    @Test
    void bytesHeldBackAfterALossDoNotReadAsSpeedWhenTheyComeAtOnce() {
        // As measured at 5 Mbit/s: TCP holds back the bytes after a lost packet for 180 ms
        // while the line goes on, then hands them over in one go: timed from a held-back
        // point to the end, the line read 6.5.
        double bytesPerNano = 5e6 / 8 / 1e9;
        long size = 448 * 1024;
        ArrivalCurve curve = new ArrivalCurve(0);
        for (long got = RECORD; got <= size; got += RECORD) {
            double onTime = got / bytesPerNano;
            boolean heldBack = got > 96 * 1024 && got <= 320 * 1024;
            double at = heldBack ? Math.max(onTime, 340e6 + (got - 96 * 1024) / bytesPerNano * 0.05) : onTime;
            if (got > 160 * 1024 && got <= 320 * 1024) {
                at = Math.max(at, 600e6); // everything up to here comes at once when the hole is filled
            }
            curve.add((long) at, got);
        }
        double measured = mbps(size, curve.bodyNanos());
        assertEquals(5.0, measured, 0.15, "measured " + measured);
    }

    @Test
    void aFastSteadyLineReadsItsRate() {
        long size = 1_900_000;
        double measured = mbps(size, read(20, size, 32 * 1024, 0, 1).bodyNanos());
        assertEquals(20.0, measured, 0.4, "measured " + measured);
    }

    @Test
    void aBodyInFewReadsIsTimedFromTheFirstReadOrFromTheRequest() {
        ArrivalCurve two = new ArrivalCurve(0);
        two.add(10_000_000, 1_000);
        two.add(90_000_000, 10_000);
        assertEquals(88_888_888, two.bodyNanos(), 1, "the 80 ms after the first read, scaled to all bytes");
        ArrivalCurve mostFirst = new ArrivalCurve(0);
        mostFirst.add(40_000_000, 9_000);
        mostFirst.add(50_000_000, 10_000);
        assertEquals(50_000_000, mostFirst.bodyNanos(), "from the request: the first read brought most of it");
    }
}
