package dk.bostotte.device.netq;

import dk.bostotte.protocol.message.NetworkSample;
import java.time.Instant;

/** Measures the real network: link type of the default route and TCP connect time to the server. */
public final class ProbingSampler implements NetworkSampler {

    private final LinkTypeDetector link;
    private final RttProbe rtt;

    public ProbingSampler(LinkTypeDetector link, RttProbe rtt) {
        this.link = link;
        this.rtt = rtt;
    }

    @Override
    public NetworkSample sample(long seq, Instant at) {
        // A failed probe is still a sample: "no connection at 14:02" is exactly what support needs.
        return new NetworkSample(seq, at, link.detect(), rtt.measure(), null, null, null, null, null);
    }
}
