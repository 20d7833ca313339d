package dk.bostotte.device.netq;

import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import java.time.Instant;
import java.util.Random;

/**
 * Plausible home Wi-Fi figures without touching the network, for rigs, demos and load tests: RTT
 * 15–40 ms, a few ms of jitter, loss well under 1 %, 20–60 Mbit/s down and 5–15 up.
 */
public final class SimulatedSampler implements NetworkSampler {

    private final Random random;

    public SimulatedSampler(Random random) {
        this.random = random;
    }

    @Override
    public NetworkSample sample(long seq, Instant at) {
        double rtt = 15 + random.nextDouble() * 25 + Math.abs(random.nextGaussian()) * 2;
        return new NetworkSample(seq, at, LinkType.WIFI, round(rtt), round(2 + random.nextDouble() * 6),
                round(random.nextDouble() * 0.4), round(20 + random.nextDouble() * 40), round(5 + random.nextDouble() * 10),
                null).withRadio(-45 - random.nextInt(25),
                        new NetworkSample.Radio(round(72 + random.nextDouble() * 100), null, null, null, null));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
