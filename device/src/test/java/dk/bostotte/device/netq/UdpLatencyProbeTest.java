package dk.bostotte.device.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.DeviceId;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UdpLatencyProbeTest {

    private static final DeviceId DEVICE = new DeviceId("K7M3-Q9PH");

    @Test
    void statisticsOfATrain() {
        // RTTs 10, 12, lost, 11, 15 ms.
        long[] rtt = {10_000_000, 12_000_000, -1, 11_000_000, 15_000_000};
        UdpLatencyProbe.Result r = UdpLatencyProbe.summarise(rtt, 2000);
        assertEquals(10.0, r.rttMinMs());
        assertEquals(11.0, r.rttMedianMs(), "median of 10, 11, 12, 15 (nearest rank)");
        assertEquals(15.0, r.rttP95Ms());
        assertEquals(20.0, r.lossPct());
        // RFC 3550: J += (|D| - J) / 16 over D = 2, 1, 4 (consecutive received packets).
        double j = 0;
        for (double d : new double[] {2, 1, 4}) {
            j += (d - j) / 16;
        }
        assertEquals(Math.round(j * 100) / 100.0, r.jitterMs());
        assertEquals(2000, r.bytes());
    }

    @Test
    void nothingBackIsFullLossAndNoFigures() {
        UdpLatencyProbe.Result r = UdpLatencyProbe.summarise(new long[] {-1, -1, -1}, 600);
        assertEquals(100.0, r.lossPct());
        assertNull(r.rttMedianMs());
        assertNull(r.jitterMs());
    }

    @Test
    void measuresAgainstAnEchoThatLosesEveryFifthPacket() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        try (DatagramSocket echo = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[2048];
                try {
                    while (true) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        echo.receive(p);
                        if (seen.incrementAndGet() % 5 != 0) {
                            echo.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                        }
                    }
                } catch (Exception closed) {
                    // test over
                }
            });
            t.setDaemon(true);
            t.start();
            UdpLatencyProbe probe = new UdpLatencyProbe(DEVICE, "127.0.0.1", echo.getLocalPort(), 20, Duration.ofMillis(5),
                    100, Duration.ofMillis(500));
            UdpLatencyProbe.Result r = probe.measure();
            assertEquals(20.0, r.lossPct(), "4 of 20 dropped");
            assertTrue(r.rttMedianMs() >= 0 && r.rttMedianMs() < 50, "loopback: " + r);
            assertEquals(4000, probe.bytesPerTrain());
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsASampleNotACrash() throws Exception {
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        UdpLatencyProbe.Result r = new UdpLatencyProbe(DEVICE, "127.0.0.1", closedPort, 5, Duration.ofMillis(5), 64,
                Duration.ofMillis(200)).measure();
        assertEquals(100.0, r.lossPct());
        UdpLatencyProbe.Result unresolvable = new UdpLatencyProbe(DEVICE, "no-such-host.invalid", 9, 3,
                Duration.ofMillis(1), 64, Duration.ofMillis(50)).measure();
        assertEquals(100.0, unresolvable.lossPct());
    }
}
