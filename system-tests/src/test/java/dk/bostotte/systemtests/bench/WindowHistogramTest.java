package dk.bostotte.systemtests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowHistogramTest {

    private static String scrape(int le100, int le500, int le1000, int all) {
        String h = WindowHistogram.INGEST_LAG;
        return "# HELP x\n" + h + "_bucket{le=\"0.1\",} " + le100 + ".0\n" + h + "_bucket{le=\"0.5\",} " + le500 + ".0\n"
                + h + "_bucket{le=\"1.0\",} " + le1000 + ".0\n" + h + "_bucket{le=\"+Inf\",} " + all + ".0\n"
                + "other_bucket{le=\"0.1\",} 999.0\n";
    }

    @Test
    void onlyWhatHappenedBetweenTheScrapesCounts() {
        // The warm-up left 100 slow observations; the window adds 1 000, all but 5 under 100 ms.
        String before = scrape(0, 0, 0, 100);
        String after = scrape(995, 1000, 1000, 1100);
        assertEquals(100, WindowHistogram.percentileMs(WindowHistogram.INGEST_LAG, 0.99, before, after), 1e-9);
        assertEquals(500, WindowHistogram.percentileMs(WindowHistogram.INGEST_LAG, 0.999, before, after), 1e-9);
    }

    @Test
    void withoutAStartScrapeEverythingCounts() {
        assertEquals(Double.POSITIVE_INFINITY, WindowHistogram.percentileMs(WindowHistogram.INGEST_LAG, 0.99, null,
                scrape(995, 1000, 1000, 1100)));
    }

    @Test
    void anEmptyWindowHasNoPercentile() {
        assertTrue(Double.isNaN(WindowHistogram.percentileMs(WindowHistogram.INGEST_LAG, 0.5, scrape(1, 1, 1, 1),
                scrape(1, 1, 1, 1))));
        assertTrue(Double.isNaN(WindowHistogram.percentileMs(WindowHistogram.BATCH_DURATION, 0.5, null, scrape(1, 1, 1, 1))));
    }
}
