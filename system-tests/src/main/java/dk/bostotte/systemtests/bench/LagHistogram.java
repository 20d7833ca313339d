package dk.bostotte.systemtests.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ingest lag's p99 over a window, from two scrapes of its Prometheus histogram buckets. */
final class LagHistogram {

    private static final Pattern BUCKET = Pattern.compile(
            "^bostotte_ingest_lag_seconds_bucket\\{le=\"([^\"]+)\",?\\} (\\S+)$", Pattern.MULTILINE);

    private LagHistogram() {
    }

    /** The upper bound (ms) of the bucket holding the 99th percentile of what happened between the scrapes. */
    static double p99Ms(String before, String after) {
        Map<Double, Double> start = buckets(before == null ? "" : before);
        Map<Double, Double> end = buckets(after);
        double total = end.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - start.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> e : end.entrySet()) {
            double inWindow = e.getValue() - start.getOrDefault(e.getKey(), 0.0);
            if (inWindow >= 0.99 * total) {
                return e.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static Map<Double, Double> buckets(String scrape) {
        Map<Double, Double> b = new TreeMap<>();
        Matcher m = BUCKET.matcher(scrape);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            b.put(le, Double.parseDouble(m.group(2)));
        }
        return b;
    }
}
