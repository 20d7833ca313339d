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

    @Override
    public NetworkSample sample(long seq, Instant at) {
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
