package dk.bostotte.device.netq;

import dk.bostotte.protocol.message.NetworkSample;
import java.time.Instant;

/** Takes one network measurement; may block for up to the probe timeout. */
@FunctionalInterface
public interface NetworkSampler {

    NetworkSample sample(long seq, Instant at);

    /** Makes the next sample run every probe now (IT support asked); a sampler without probes ignores it. */
    default void requestFullTest() {
    }

    /** A sample in words for IT support: what was measured, what was not and why. */
    static String describe(NetworkSample s) {
        StringBuilder b = new StringBuilder("link ").append(s.link().wire());
        append(b, "rtt", s.rttMs(), " ms");
        append(b, "rtt min", s.rttMinMs(), " ms");
        append(b, "rtt p95", s.rttP95Ms(), " ms");
        append(b, "jitter", s.jitterMs(), " ms");
        append(b, "loss", s.lossPct(), " %");
        append(b, "down", s.downMbps(), " Mbit/s");
        append(b, "up", s.upMbps(), " Mbit/s");
        append(b, "signal", s.signalDbm(), " dBm");
        if (s.radio() != null) {
            append(b, "wifi bit rate", s.radio().wifiBitrateMbps(), " Mbit/s");
            if (s.radio().cellTech() != null) {
                b.append(", cellular ").append(s.radio().cellTech());
            }
            append(b, "rsrp", s.radio().rsrpDbm(), " dBm");
            append(b, "rsrq", s.radio().rsrqDb(), " dB");
            append(b, "sinr", s.radio().sinrDb(), " dB");
        }
        append(b, "bytes used", s.bytesUsed(), "");
        if (s.skipped() != null) {
            b.append(", a probe was skipped: ").append(s.skipped().wire());
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String name, Number value, String unit) {
        if (value != null) {
            b.append(", ").append(name).append(' ').append(value).append(unit);
        }
    }
}
