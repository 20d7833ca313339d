package dk.bostotte.protocol.message;

import dk.bostotte.protocol.codec.Checks;
import java.util.List;

/** Published on {@code telemetry}: network samples, batched so a reconnect drains a backlog fast. */
public record TelemetryBatch(int v, List<NetworkSample> samples) implements ProtocolMessage {

    public static final int MAX_SAMPLES = 500;

    public static TelemetryBatch of(List<NetworkSample> samples) {
        return new TelemetryBatch(VERSION, List.copyOf(samples));
    }

    @Override
    public void check(Checks c) {
        c.required("samples", samples).size("samples", samples, 1, MAX_SAMPLES);
        if (samples != null) {
            for (int i = 0; i < samples.size(); i++) {
                NetworkSample s = samples.get(i);
                c.required("samples[" + i + "]", s);
                if (s != null) {
                    s.check(c.nested("samples[" + i + "]"));
                }
            }
        }
    }
}
