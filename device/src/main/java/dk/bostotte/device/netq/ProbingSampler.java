package dk.bostotte.device.netq;

import dk.bostotte.protocol.message.NetworkSample;
import java.time.Instant;

/**
 * Measures the real network: the link type of the default route with every sample; a UDP latency
 * train (RTT, jitter, loss) every few minutes while the day's data budget allows; the TCP connect
 * time to the server in between, so every sample still says whether the server was reachable.
 */
public final class ProbingSampler implements NetworkSampler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProbingSampler.class);

    private final LinkTypeDetector link;
    private final RttProbe rtt;
    private final UdpLatencyProbe latency;
    private final DataBudget budget;
    private final java.time.Duration latencyEvery;
    private Instant lastLatency;
    private ThroughputProbe throughput;
    private java.time.Duration throughputEvery;
    private java.util.function.BooleanSupplier inCall = () -> false;
    private Instant nextThroughput;
    private final java.util.Random random = new java.util.Random();

    public ProbingSampler(LinkTypeDetector link, RttProbe rtt) {
        this(link, rtt, null, null, java.time.Duration.ofMinutes(5));
    }

    public ProbingSampler(LinkTypeDetector link, RttProbe rtt, UdpLatencyProbe latency, DataBudget budget,
                          java.time.Duration latencyEvery) {
        this.link = link;
        this.rtt = rtt;
        this.latency = latency;
        this.budget = budget;
        this.latencyEvery = latencyEvery;
    }

    /**
     * Adds throughput tests about every {@code every} (at a random moment within each period, so a
     * fleet does not test all at once), never while {@code inCall}.
     */
    public ProbingSampler withThroughput(ThroughputProbe probe, java.time.Duration every,
                                         java.util.function.BooleanSupplier inCall) {
        this.throughput = probe;
        this.throughputEvery = every;
        this.inCall = inCall;
        return this;
    }

    private NetworkSample withThroughputIfDue(NetworkSample s, Instant at) {
        if (throughput == null) {
            return s;
        }
        if (nextThroughput == null) {
            nextThroughput = at.plusMillis((long) (random.nextDouble() * Math.min(throughputEvery.toMillis(), 60_000)));
        }
        if (at.isBefore(nextThroughput)) {
            return s;
        }
        if (inCall.getAsBoolean()) {
            log.info("throughput test postponed: a call is on");
            return s;
        }
        nextThroughput = at.plus(throughputEvery).minusMillis((long) (random.nextDouble() * throughputEvery.toMillis() / 4));
        long allowance = budget.remaining();
        if (allowance < ThroughputProbe.FIRST * 4L) {
            log.info("throughput test skipped: today's measurement data budget is spent ({} bytes used)", budget.usedToday());
            return s;
        }
        ThroughputProbe.Result r = throughput.measure(allowance);
        budget.spend(r.bytes());
        log.info("throughput test: {} Mbit/s down, {} Mbit/s up, {} bytes", r.downMbps(), r.upMbps(), r.bytes());
        return new NetworkSample(s.seq(), s.at(), s.link(), s.rttMs(), s.jitterMs(), s.lossPct(), r.downMbps(), r.upMbps(),
                s.signalDbm());
    }

    @Override
    public NetworkSample sample(long seq, Instant at) {
        return withThroughputIfDue(basicSample(seq, at), at);
    }

    private NetworkSample basicSample(long seq, Instant at) {
        // A failed probe is still a sample: "no connection at 14:02" is exactly what support needs.
        if (latency != null && (lastLatency == null || !at.isBefore(lastLatency.plus(latencyEvery)))) {
            if (budget.take(latency.bytesPerTrain())) {
                lastLatency = at;
                UdpLatencyProbe.Result r = latency.measure();
                Double rttMs = r.rttMedianMs() != null ? r.rttMedianMs() : rtt.measure();
                return new NetworkSample(seq, at, link.detect(), rttMs, r.jitterMs(), r.lossPct(), null, null, null);
            }
            log.info("latency probe skipped: today's measurement data budget is spent ({} bytes used)", budget.usedToday());
            lastLatency = at;
        }
        return new NetworkSample(seq, at, link.detect(), rtt.measure(), null, null, null, null, null);
    }
}
