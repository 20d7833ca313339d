package dk.bostotte.device.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.platform.FakeRoot;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private ProbingSampler unreachable(DataBudget budget) throws Exception {
        int port = closedPort();
        FakeRoot r = new FakeRoot(tmp);
        return new ProbingSampler(new LinkTypeDetector(r.root), new RadioReader(r.root, (t, argv) -> Optional.empty()),
                new RttProbe("127.0.0.1", port, Duration.ofSeconds(1)),
                new UdpLatencyProbe(new DeviceId("K7M3-Q9PH"), "127.0.0.1", port, 5, Duration.ofMillis(5), 200,
                        Duration.ofMillis(200)),
                budget, Duration.ofMinutes(5));
    }

    @Test
    void unreachableServerStillGivesASampleWithTheFailureInIt() throws Exception {
        NetworkSample s = unreachable(new DataBudget(1_000_000, Clock.systemUTC())).sample(42, Instant.EPOCH);
        assertEquals(42, s.seq());
        assertNull(s.rttMs(), "no answer, no round-trip time");
        assertEquals(100.0, s.lossPct(), "every echo lost");
        assertEquals(LinkType.UNKNOWN, s.link());
        assertTrue(s.bytesUsed() > 0, "the train's bytes are counted even when nothing came back");
        assertNull(s.skipped());
    }

    @Test
    void aSpentBudgetSkipsTheLatencyTrainAndSaysSo() throws Exception {
        DataBudget budget = new DataBudget(1_000, Clock.systemUTC());
        NetworkSample s = unreachable(budget).sample(1, Instant.EPOCH);
        assertEquals(NetworkSample.Skip.BUDGET_SPENT, s.skipped());
        assertNull(s.lossPct(), "the train did not run");
        assertNull(s.bytesUsed());
        assertEquals(0, budget.usedToday(), "nothing was spent");
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
