package dk.bostotte.device.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The adaptive ramp against simulated lines: accurate, and far cheaper than a fixed 10 s test. */
class ThroughputRampTest {

    /**
     * A line of {@code mbps} whose every transfer also pays {@code overheadMs} (TCP slow start, request turnaround), so
     * short transfers read low, as on a real line.
     */
    private static ThroughputProbe.Transfer line(double mbps, double overheadMs) {
        return size -> (long) ((size * 8 / (mbps * 1e6)) * 1e9 + overheadMs * 1e6);
    }

    private static ThroughputProbe probe() throws Exception {
        return new ThroughputProbe(SSLContext.getDefault(), "127.0.0.1", 9, Duration.ofSeconds(10));
    }

    @Test
    void aSlowLineIsMeasuredWithinFivePercentForAFractionOfTenSecondsWorth() throws Exception {
        for (double mbps : new double[] {0.5, 1, 5, 20, 80}) {
            ThroughputProbe.Direction d = probe().run(Long.MAX_VALUE, line(mbps, 10));
            assertTrue(Math.abs(d.mbps() - mbps) <= 0.05 * mbps, mbps + " Mbit/s line measured " + d.mbps());
            double tenSeconds = mbps * 1e6 / 8 * 10;
            assertTrue(d.bytes() <= 0.35 * tenSeconds, mbps + " Mbit/s: " + d.bytes() + " bytes vs " + (long) tenSeconds
                    + " for a fixed 10 s test");
        }
    }

    @Test
    void theAllowanceCapsWhatATestMaySpend() throws Exception {
        ThroughputProbe.Direction d = probe().run(100_000, line(20, 30));
        assertTrue(d.bytes() <= 100_000, "spent " + d.bytes());
    }

    @Test
    void theNextTransferAimsAtThreeQuartersOfASecondOnceTimingIsReliable() {
        // 1 Mbit/s: 0.75 s is about 94 kB, not the doubling to 128 kB that would overshoot on a slow line.
        assertEquals(93_750, ThroughputProbe.nextSize(64 * 1024, 1.0, true));
        // Too short to time: at least double, at most eight times.
        assertEquals(128 * 1024, ThroughputProbe.nextSize(64 * 1024, 0.1, false));
        assertEquals(512 * 1024, ThroughputProbe.nextSize(64 * 1024, 1000, false));
        assertEquals(ThroughputProbe.LARGEST, ThroughputProbe.nextSize(ThroughputProbe.LARGEST, 10_000, true));
    }
}
