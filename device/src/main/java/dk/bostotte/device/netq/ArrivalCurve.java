package dk.bostotte.device.netq;

import java.util.Arrays;

/**
 * When each part of a download arrived, as the reader saw it: (time, bytes so far) after every
 * read. The rate it gives is the line's, not its bursts' nor the reader's.
 *
 * <p>Why not bytes over time from the first read: a shaper's token bucket lets its first bytes
 * through at once (tc tbf's 32 kB is a quarter of a second of a 1 Mbit/s line), and a first read
 * that comes late — a busy CPU, or TCP holding back what came after a lost packet until it is
 * sent again — finds bytes already waiting. Both read as speed: 1.1 to 1.4 times a 1 Mbit/s line
 * was measured. What holds instead: a reader is never ahead of the line. Each point is on the
 * line's own arrival curve or below it, so the curve's upper hull runs through the points that
 * were on time; a burst is a short steep piece of it and a late stretch is bridged over. The
 * rate is the hull's slope over most of the time (its time-weighted median).
 */
final class ArrivalCurve {

    private final long requestedNanos;
    private long[] nanos = new long[64];
    private long[] bytes = new long[64];
    private int points;

    /** {@code requestedNanos}: when the request was sent, the fallback's start. */
    ArrivalCurve(long requestedNanos) {
        this.requestedNanos = requestedNanos;
    }

    /** After a read: the time it returned and the bytes received so far. */
    void add(long atNanos, long bytesSoFar) {
        if (points == nanos.length) {
            nanos = Arrays.copyOf(nanos, points * 2);
            bytes = Arrays.copyOf(bytes, points * 2);
        }
        nanos[points] = atNanos;
        bytes[points] = bytesSoFar;
        points++;
    }

    /**
     * Nanoseconds the whole body takes at the line's rate: the time-weighted median slope of the
     * upper hull of the points. With too few points for a hull (a body in one or two reads), the
     * time after the first read scaled to the whole body, or from the request when the first read
     * brought half of it or more.
     */
    long bodyNanos() {
        if (points == 0) {
            return Math.max(1, System.nanoTime() - requestedNanos);
        }
        int last = points - 1;
        long size = bytes[last];
        double rate = hullMedianRate();
        if (points >= 3 && rate > 0) {
            return Math.max(1, (long) (size / rate));
        }
        long timed = size - bytes[0];
        if (timed < size / 2) {
            return Math.max(1, nanos[last] - requestedNanos);
        }
        return (long) (Math.max(1, nanos[last] - nanos[0]) * ((double) size / timed));
    }

    /** Bytes per nanosecond, or NaN without two points at different times. */
    private double hullMedianRate() {
        int[] hull = new int[points];
        int h = 0;
        for (int i = 0; i < points; i++) {
            // Upper hull, left to right: drop the last vertex while it is on or below the chord
            // from the one before it to this point (the cross product says which side).
            while (h >= 2 && cross(hull[h - 2], hull[h - 1], i) >= 0) {
                h--;
            }
            if (h >= 1 && nanos[hull[h - 1]] == nanos[i]) {
                h--; // same instant: the later read has more bytes
            }
            hull[h++] = i;
        }
        if (h < 2) {
            return Double.NaN;
        }
        double[][] edges = new double[h - 1][];
        for (int e = 0; e < h - 1; e++) {
            long dt = nanos[hull[e + 1]] - nanos[hull[e]];
            edges[e] = new double[] {(double) (bytes[hull[e + 1]] - bytes[hull[e]]) / dt, dt};
        }
        Arrays.sort(edges, (a, b) -> Double.compare(a[0], b[0]));
        double total = nanos[hull[h - 1]] - nanos[hull[0]];
        double covered = 0;
        for (double[] edge : edges) {
            covered += edge[1];
            if (covered >= total / 2) {
                return edge[0];
            }
        }
        return edges[edges.length - 1][0];
    }

    /** Positive when {@code c} lies above the line from {@code a} to {@code b}. */
    private double cross(int a, int b, int c) {
        return (double) (nanos[b] - nanos[a]) * (bytes[c] - bytes[a]) - (double) (bytes[b] - bytes[a]) * (nanos[c] - nanos[a]);
    }

    /** The points, for the trace log: milliseconds from the request, kilobytes so far. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < points; i++) {
            b.append(' ').append((nanos[i] - requestedNanos) / 1_000_000).append("ms:").append(bytes[i] / 1024).append('k');
        }
        return b.toString();
    }

    /** The naive rate, bytes after the first read over their time, for the trace log beside the curve's (bytes per nanosecond). */
    double firstReadRate() {
        int last = points - 1;
        return points < 2 ? Double.NaN : (double) (bytes[last] - bytes[0]) / Math.max(1, nanos[last] - nanos[0]);
    }
}
