package dk.bostotte.device.app;

import dk.bostotte.device.config.BundleException;
import dk.bostotte.device.config.BundleTls;
import dk.bostotte.device.config.ConfigBundle;
import dk.bostotte.device.netq.DataBudget;
import dk.bostotte.device.netq.LinkTypeDetector;
import dk.bostotte.device.netq.NetqOptions;
import dk.bostotte.device.netq.NetworkSampler;
import dk.bostotte.device.netq.ProbingSampler;
import dk.bostotte.device.netq.RadioReader;
import dk.bostotte.device.netq.RttProbe;
import dk.bostotte.device.netq.SimulatedSampler;
import dk.bostotte.device.netq.ThroughputProbe;
import dk.bostotte.device.netq.UdpLatencyProbe;
import dk.bostotte.device.platform.SystemRoot;
import dk.bostotte.device.platform.SystemTools;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;

/** The network-quality feature: the sampler that probes link, radio, round trip, latency and throughput. */
public final class NetqAssembly {

    private NetqAssembly() {
    }

    /** Synthetic readings when simulated; else this machine's probes, the throughput test never while {@code callOn}. */
    public static NetworkSampler sampler(ConfigBundle bundle, NetqOptions options, boolean simulate, Clock clock,
                                         BooleanSupplier callOn) throws BundleException {
        if (simulate) {
            return new SimulatedSampler(new Random());
        }
        SystemRoot root = SystemRoot.real();
        return new ProbingSampler(new LinkTypeDetector(root), new RadioReader(root, SystemTools.real()),
                new RttProbe(bundle.serverHost(), bundle.httpPort(), Duration.ofSeconds(5)),
                // The echo responder listens on UDP at the broker's port number.
                new UdpLatencyProbe(bundle.deviceId(), bundle.serverHost(), bundle.mqttPort(), options.latencyPackets(),
                        Duration.ofMillis(20), 200, Duration.ofSeconds(1)),
                new DataBudget(options.measurementBytesPerDay(), clock), options.latencyEvery())
                .withThroughput(new ThroughputProbe(BundleTls.sslContext(bundle), bundle.serverHost(), bundle.devicePort(),
                        Duration.ofSeconds(10), options.throughputFixed()), options.throughputEvery(), callOn);
    }
}
