package dk.bostotte.systemtests.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A percentile of one of the server's Prometheus histograms over a window, from two scrapes of its
 * buckets: what happened between them only, not the warm-up before.
 */
final class WindowHistogram {

    static final String INGEST_LAG = "bostotte_ingest_lag_seconds";
    static final String BATCH_DURATION = "bostotte_ingest_batch_duration_seconds";

    private WindowHistogram() {
    }

    /** The upper bound (ms) of the bucket holding the given quantile (0–1) of the window's observations. */
    static double percentileMs(String histogram, double quantile, String before, String after) {
        Map<Double, Double> start = buckets(histogram, before == null ? "" : before);
        Map<Double, Double> end = buckets(histogram, after);
        double total = end.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - start.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> e : end.entrySet()) {
            double inWindow = e.getValue() - start.getOrDefault(e.getKey(), 0.0);
            if (inWindow >= quantile * total) {
                return e.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static Map<Double, Double> buckets(String histogram, String scrape) {
        Pattern bucket = Pattern.compile("^" + Pattern.quote(histogram) + "_bucket\\{le=\"([^\"]+)\",?\\} (\\S+)$", Pattern.MULTILINE);
        Map<Double, Double> b = new TreeMap<>();
        Matcher m = bucket.matcher(scrape);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            b.put(le, Double.parseDouble(m.group(2)));
        }
        return b;
    }
}
