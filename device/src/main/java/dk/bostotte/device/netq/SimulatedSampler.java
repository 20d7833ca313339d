package dk.bostotte.device.netq;

import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import java.time.Instant;
import java.util.Random;

/** Plausible Wi-Fi figures (15-40 ms with noise) without touching the network, for rigs and load tests. */
public final class SimulatedSampler implements NetworkSampler {

    private final Random random;

    public SimulatedSampler(Random random) {
        this.random = random;
    }

    @Override
    public NetworkSample sample(long seq, Instant at) {
        double rtt = 15 + random.nextDouble() * 25 + Math.abs(random.nextGaussian()) * 2;
        return new NetworkSample(seq, at, LinkType.WIFI, Math.round(rtt * 10) / 10.0, null, null, null, null, null);
    }
}
