package dk.bostotte.device.netq;

import dk.bostotte.protocol.DeviceApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Download and upload rate against the fleet server's device API (HTTPS, the device's own
 * certificate). Each direction ramps up — 64 kB, then doubling — and stops as soon as two
 * consecutive transfers of at least {@value #STABLE_MS} ms agree within 10 %, when the byte
 * allowance runs out, or after {@code maxPerDirection} (10 s), so a test costs a fraction of a
 * fixed-length one.
 */
public final class ThroughputProbe {

    private static final Logger log = LoggerFactory.getLogger(ThroughputProbe.class);

    /** Mbit/s each way (null where a direction could not be measured) and the bytes spent. */
    public record Result(Double downMbps, Double upMbps, long bytes) {
    }

    static final int FIRST = 64 * 1024;
    static final int LARGEST = 16 * 1024 * 1024;
    static final long STABLE_MS = 200;

    private final HttpClient client;
    private final URI download;
    private final URI upload;
    private final Duration maxPerDirection;
    private final boolean fixedLength;
    private final byte[] noise = new byte[LARGEST];

    public ThroughputProbe(SSLContext tls, String host, int port, Duration maxPerDirection) {
        this(tls, host, port, maxPerDirection, false);
    }

    /**
     * With {@code fixedLength}, each direction transfers for the whole {@code maxPerDirection}, as
     * a classic speed test does: the baseline the adaptive test is benchmarked against.
     */
    public ThroughputProbe(SSLContext tls, String host, int port, Duration maxPerDirection, boolean fixedLength) {
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        this.download = DeviceApi.at(host, port, DeviceApi.THROUGHPUT_DOWNLOAD);
        this.upload = DeviceApi.at(host, port, DeviceApi.THROUGHPUT_UPLOAD);
        this.maxPerDirection = maxPerDirection;
        this.fixedLength = fixedLength;
        new Random().nextBytes(noise); // incompressible, as the server's
    }

    /** Measures both ways within {@code allowance} bytes. */
    public Result measure(long allowance) {
        Direction down = fixedLength ? runFixed(allowance, this::download) : run(allowance, this::download);
        Direction up = fixedLength ? runFixed(allowance - down.bytes, this::upload) : run(allowance - down.bytes, this::upload);
        return new Result(down.mbps, up.mbps, down.bytes + up.bytes);
    }

    /** Transfers for the whole period in pieces of about a second; the rate is all bytes over all time. */
    private Direction runFixed(long allowance, Transfer transfer) {
        long deadline = System.nanoTime() + maxPerDirection.toNanos();
        long spent = 0;
        long timed = 0;
        int size = FIRST;
        try {
            while (System.nanoTime() < deadline && spent + size <= allowance) {
                long nanos = transfer.move(size);
                spent += size;
                timed += nanos;
                double rate = size * 8.0 / 1e6 / (nanos / 1e9);
                size = (int) Math.min(LARGEST, Math.max(FIRST, (long) (rate * 1e6 / 8)));
            }
        } catch (IOException e) {
            // Report what was measured before the line broke.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Direction(timed == 0 ? null : round(spent * 8.0 / 1e6 / (timed / 1e9)), spent);
    }

    record Direction(Double mbps, long bytes) {
    }

    /** Seconds a transfer should take once the rate is roughly known: long enough to smooth out bursts. */
    static final double TARGET_SECONDS = 0.75;

    /**
     * Too short to time well: at least double (up to eight times) towards the target. Long enough:
     * aim straight at the target at the rate just seen, so a slow line is not flooded by doubling.
     */
    static int nextSize(int size, double rateMbps, boolean longEnough) {
        long target = (long) (rateMbps * 1e6 / 8 * TARGET_SECONDS);
        long next = longEnough ? Math.max(FIRST, target) : Math.max((long) size * 2, Math.min(target, (long) size * 8));
        return (int) Math.min(LARGEST, next);
    }

    @FunctionalInterface
    interface Transfer {
        /** Moves {@code size} bytes; returns the nanoseconds it took. */
        long move(int size) throws IOException, InterruptedException;
    }

    Direction run(long allowance, Transfer transfer) {
        long deadline = System.nanoTime() + maxPerDirection.toNanos();
        long spent = 0;
        double previous = Double.NaN;
        long previousSize = 0;
        long previousNanos = 0;
        double last = Double.NaN;
        int size = FIRST;
        try {
            while (System.nanoTime() < deadline && spent + size <= allowance) {
                long nanos = transfer.move(size);
                spent += size;
                double rate = size * 8.0 / 1e6 / (nanos / 1e9);
                log.debug("throughput transfer: {} bytes in {} ms, {} Mbit/s", size, nanos / 1_000_000, round(rate));
                boolean longEnough = nanos >= STABLE_MS * 1_000_000;
                if (longEnough && !Double.isNaN(previous) && Math.abs(rate - previous) <= 0.1 * previous) {
                    // Both transfers' bytes over both their times: the longer one weighs more.
                    return new Direction(round((size + previousSize) * 8.0 / 1e6 / ((nanos + previousNanos) / 1e9)), spent);
                }
                // The first transfer warms up TCP and TLS and drains a shaper's idle burst allowance:
                // it sizes the next one but never counts towards agreement.
                previous = longEnough && spent > size ? rate : Double.NaN;
                previousSize = size;
                previousNanos = nanos;
                last = rate;
                size = nextSize(size, rate, longEnough);
            }
        } catch (IOException e) {
            // The line broke mid-test: report what was measured, if anything.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Direction(Double.isNaN(last) ? null : round(last), spent);
    }

    /**
     * Times the body as it arrives, read by read; the request's round trip is latency, not
     * throughput, and the body's first bytes may come in a burst (see {@link ArrivalCurve#bodyNanos}).
     */
    private long download(int size) throws IOException, InterruptedException {
        long requested = System.nanoTime();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(DeviceApi.withQuery(download, DeviceApi.BYTES, size))
                .timeout(maxPerDirection.plusSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("download refused: HTTP " + r.statusCode());
            }
            byte[] buf = new byte[64 * 1024];
            ArrivalCurve curve = new ArrivalCurve(requested);
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                curve.add(System.nanoTime(), total);
            }
            long nanos = curve.bodyNanos();
            log.trace("download of {} bytes: {} Mbit/s on the arrival curve, {} from its first read;{}", size,
                    round(size * 8e3 / nanos), round(curve.firstReadRate() * 8e3), curve);
            return nanos;
        }
    }

    /** The server times the body it received; the device's own clock (with the round trip) only if it does not say. */
    private long upload(int size) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(upload)
                .timeout(maxPerDirection.plusSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(noise, 0, size)).build(), HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        if (r.statusCode() != 200) {
            throw new IOException("upload refused: HTTP " + r.statusCode());
        }
        Matcher m = SECONDS.matcher(r.body());
        return m.find() ? Math.max(1, (long) (Double.parseDouble(m.group(1)) * 1e9)) : nanos;
    }

    private static final Pattern SECONDS = Pattern.compile("\"seconds\":([0-9.Ee-]+)");

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
