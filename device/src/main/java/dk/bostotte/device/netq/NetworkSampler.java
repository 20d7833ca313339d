package dk.bostotte.device.netq;

import dk.bostotte.protocol.message.NetworkSample;
import java.time.Instant;

/** Takes one network measurement; may block for up to the probe timeout. */
@FunctionalInterface
public interface NetworkSampler {

    NetworkSample sample(long seq, Instant at);
}
