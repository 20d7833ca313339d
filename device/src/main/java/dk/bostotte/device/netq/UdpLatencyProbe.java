package dk.bostotte.device.netq;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.netq.EchoPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latency as calls feel it: a train of small UDP packets to the fleet server's echo responder
 * (UDP, because call media is UDP), giving RTT min, median and p95, jitter as RFC 3550 smooths it
 * (over the differences between consecutive round trips) and loss. A server that answers nothing
 * is a result too: 100 % loss, no RTT.
 */
public final class UdpLatencyProbe {

    /** One train's figures; RTT and jitter are null when nothing came back. */
    public record Result(Double rttMinMs, Double rttMedianMs, Double rttP95Ms, Double jitterMs, double lossPct, long bytes) {
    }

    private final DeviceId device;
    private final String host;
    private final int port;
    private final int packets;
    private final Duration spacing;
    private final int size;
    private final Duration linger;

    public UdpLatencyProbe(DeviceId device, String host, int port, int packets, Duration spacing, int size, Duration linger) {
        this.device = device;
        this.host = host;
        this.port = port;
        this.packets = packets;
        this.spacing = spacing;
        this.size = size;
        this.linger = linger;
    }

    /** 20 packets of 200 bytes 20 ms apart: about 8 kB a train, both ways. */
    public static UdpLatencyProbe standard(DeviceId device, String host, int port) {
        return new UdpLatencyProbe(device, host, port, 20, Duration.ofMillis(20), 200, Duration.ofSeconds(1));
    }

    /** Bytes one train uses, sent and received, for the data budget. */
    public long bytesPerTrain() {
        return 2L * packets * size;
    }

    public Result measure() {
        long[] rttNanos = new long[packets];
        Arrays.fill(rttNanos, -1);
        // When the last packet went out; until then the receiver keeps listening however slow sending is.
        AtomicLong lastSent = new AtomicLong(Long.MAX_VALUE);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(InetAddress.getByName(host), port);
            Thread receiver = new Thread(() -> receive(socket, rttNanos, lastSent), "latency-probe");
            receiver.setDaemon(true);
            receiver.start();
            for (int seq = 0; seq < packets; seq++) {
                byte[] out = new EchoPacket(device, seq, System.nanoTime(), size).encode();
                try {
                    socket.send(new DatagramPacket(out, out.length));
                } catch (IOException refused) {
                    // A packet the host itself would not send (a local firewall's drop gives EPERM, a
                    // missing route ENETUNREACH) is a lost packet, not the end of the train.
                }
                Thread.sleep(spacing.toMillis());
            }
            lastSent.set(System.nanoTime());
            receiver.join(linger.toMillis() + 500);
        } catch (IOException e) {
            // No route, no address: everything is lost, which is what the sample should say.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return summarise(rttNanos, bytesPerTrain());
    }

    /**
     * Collects echoes until every packet is back or {@code linger} has passed since the last one was
     * sent. The wait counts from the last send, not from a schedule: on a busy device sending can
     * run late, and a packet still on its way is not a lost one.
     */
    private void receive(DatagramSocket socket, long[] rttNanos, AtomicLong lastSent) {
        byte[] in = new byte[EchoPacket.MAX_SIZE];
        try {
            int received = 0;
            while (received < packets) {
                long last = lastSent.get();
                long deadline = (last == Long.MAX_VALUE ? System.nanoTime() : last) + linger.toNanos();
                long waitMs = (deadline - System.nanoTime()) / 1_000_000;
                if (waitMs <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(waitMs, 200)));
                DatagramPacket p = new DatagramPacket(in, in.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException quiet) {
                    continue;
                }
                long now = System.nanoTime();
                Optional<EchoPacket> echo = EchoPacket.parse(p.getData(), p.getLength());
                if (echo.isPresent() && echo.get().device().equals(device) && echo.get().seq() >= 0
                        && echo.get().seq() < packets && rttNanos[echo.get().seq()] < 0) {
                    rttNanos[echo.get().seq()] = now - echo.get().sentNanos();
                    received++;
                }
            }
        } catch (IOException e) {
            // socket closed or unreachable: the rest is lost
        }
    }

    /** RTT statistics, RFC 3550 jitter over consecutive received packets, loss. Package-visible for tests. */
    static Result summarise(long[] rttNanos, long bytes) {
        double[] ms = Arrays.stream(rttNanos).filter(v -> v >= 0).mapToDouble(v -> v / 1e6).toArray();
        double loss = round(100.0 * (rttNanos.length - ms.length) / rttNanos.length);
        if (ms.length == 0) {
            return new Result(null, null, null, null, loss, bytes);
        }
        double jitter = 0;
        double previous = Double.NaN;
        for (long v : rttNanos) {
            if (v < 0) {
                continue;
            }
            double current = v / 1e6;
            if (!Double.isNaN(previous)) {
                jitter += (Math.abs(current - previous) - jitter) / 16;
            }
            previous = current;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Result(round(sorted[0]), round(percentile(sorted, 50)), round(percentile(sorted, 95)),
                round(jitter), loss, bytes);
    }

    private static double percentile(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
