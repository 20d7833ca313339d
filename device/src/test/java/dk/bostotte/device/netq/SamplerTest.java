package dk.bostotte.device.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.FakeRoot;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerTest {

    @TempDir
    Path tmp;

    @Test
    void measuresConnectTimeToAListeningServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Double rtt = new RttProbe("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2)).measure();
            assertNotNull(rtt);
            assertTrue(rtt >= 0 && rtt < 2000, "rtt " + rtt);
        }
    }

    @Test
    void unreachableServerStillGivesASampleWithoutRtt() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        FakeRoot r = new FakeRoot(tmp);
        NetworkSample s = new ProbingSampler(new LinkTypeDetector(r.root),
                new RttProbe("127.0.0.1", closedPort, Duration.ofSeconds(1))).sample(42, Instant.EPOCH);
        assertEquals(42, s.seq());
        assertNull(s.rttMs());
        assertEquals(LinkType.UNKNOWN, s.link());
    }

    @Test
    void simulatedSamplesAreWifiWithPlausibleRtt() {
        SimulatedSampler sim = new SimulatedSampler(new Random(7));
        for (int i = 0; i < 500; i++) {
            NetworkSample s = sim.sample(i, Instant.EPOCH);
            assertEquals(LinkType.WIFI, s.link());
            assertTrue(s.rttMs() >= 15 && s.rttMs() < 60, "rtt " + s.rttMs());
            assertTrue(s.jitterMs() >= 2 && s.jitterMs() <= 8 && s.lossPct() < 0.5, s.toString());
            assertTrue(s.downMbps() >= 20 && s.upMbps() >= 5 && s.upMbps() <= 15, "a line good for HD video: " + s);
        }
    }
}
