package dk.bostotte.device.netq;

import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.NetworkSample.Skip;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the real network: the link type and radio figures of the default route with every
 * sample; a UDP latency train (RTT, jitter, loss) every few minutes while the day's data budget
 * allows; the TCP connect time to the server in between, so every sample still says whether the
 * server was reachable; and, when added, a throughput test a few times a day. A probe that was due
 * but did not run says why in the sample ({@code skipped}).
 */
public final class ProbingSampler implements NetworkSampler {

    private static final Logger log = LoggerFactory.getLogger(ProbingSampler.class);

    private final LinkTypeDetector link;
    private final RadioReader radio;
    private final RttProbe rtt;
    private final UdpLatencyProbe latency;
    private final DataBudget budget;
    private final Duration latencyEvery;
    private final Random random = new Random();
    private Instant lastLatency;
    private ThroughputProbe throughput;
    private Duration throughputEvery;
    private BooleanSupplier inCall = () -> false;
    private Instant nextThroughput;
    private volatile boolean fullTestRequested;

    public ProbingSampler(LinkTypeDetector link, RadioReader radio, RttProbe rtt, UdpLatencyProbe latency,
                          DataBudget budget, Duration latencyEvery) {
        this.link = link;
        this.radio = radio;
        this.rtt = rtt;
        this.latency = latency;
        this.budget = budget;
        this.latencyEvery = latencyEvery;
    }

    /**
     * Adds throughput tests about every {@code every} (at a random moment within each period, so a
     * fleet does not test all at once), never while {@code inCall}.
     */
    public ProbingSampler withThroughput(ThroughputProbe probe, Duration every, BooleanSupplier inCall) {
        this.throughput = probe;
        this.throughputEvery = every;
        this.inCall = inCall;
        return this;
    }

    /** Makes the next sample run every probe now (IT support asked), budget and calls permitting. */
    @Override
    public void requestFullTest() {
        fullTestRequested = true;
    }

    @Override
    public NetworkSample sample(long seq, Instant at) {
        boolean full = fullTestRequested;
        fullTestRequested = false;
        return withThroughputIfDue(basicSample(seq, at, full), at, full);
    }

    private NetworkSample basicSample(long seq, Instant at, boolean full) {
        Optional<String> iface = link.defaultRouteInterface();
        LinkType type = iface.map(link::classify).orElse(LinkType.UNKNOWN);
        RadioReader.Reading r = radio == null ? RadioReader.Reading.NONE : radio.read(type, iface);
        return latencySample(seq, at, type, full).withRadio(r.signalDbm(), r.radio());
    }

    private NetworkSample latencySample(long seq, Instant at, LinkType type, boolean full) {
        // A failed probe is still a sample: "no connection at 14:02" is exactly what support needs.
        boolean due = latency != null && (full || lastLatency == null || !at.isBefore(lastLatency.plus(latencyEvery)));
        if (!due) {
            return new NetworkSample(seq, at, type, rtt.measure(), null, null, null, null, null);
        }
        lastLatency = at;
        if (!budget.take(latency.bytesPerTrain())) {
            log.info("latency probe skipped: today's measurement data budget is spent ({} bytes used)", budget.usedToday());
            return new NetworkSample(seq, at, type, rtt.measure(), null, null, null, null, null).withSkipped(Skip.BUDGET_SPENT);
        }
        UdpLatencyProbe.Result r = latency.measure();
        Double rttMs = r.rttMedianMs() != null ? r.rttMedianMs() : rtt.measure();
        return new NetworkSample(seq, at, type, rttMs, r.jitterMs(), r.lossPct(), null, null, null, r.rttMinMs(),
                r.rttP95Ms(), r.bytes(), null, null);
    }

    private NetworkSample withThroughputIfDue(NetworkSample s, Instant at, boolean full) {
        if (throughput == null) {
            return s;
        }
        if (nextThroughput == null) {
            nextThroughput = at.plusMillis((long) (random.nextDouble() * Math.min(throughputEvery.toMillis(), 60_000)));
        }
        if (!full && at.isBefore(nextThroughput)) {
            return s;
        }
        if (inCall.getAsBoolean()) {
            log.info("throughput test postponed: a call is on");
            return s.withSkipped(Skip.IN_CALL);
        }
        nextThroughput = at.plus(throughputEvery).minusMillis((long) (random.nextDouble() * throughputEvery.toMillis() / 4));
        long allowance = budget.remaining();
        if (allowance < ThroughputProbe.FIRST * 4L) {
            log.info("throughput test skipped: today's measurement data budget is spent ({} bytes used)", budget.usedToday());
            return s.withSkipped(Skip.BUDGET_SPENT);
        }
        ThroughputProbe.Result r = throughput.measure(allowance);
        budget.spend(r.bytes());
        log.info("throughput test: {} Mbit/s down, {} Mbit/s up, {} bytes", r.downMbps(), r.upMbps(), r.bytes());
        return s.withThroughput(r.downMbps(), r.upMbps(), r.bytes());
    }
}
