package dk.bostotte.systemtests.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each simulated device publishes one telemetry batch of {@code rate × every} samples every
 * {@code every} seconds (QoS 1), the devices spread evenly over that period, as a fleet of real
 * agents would. Latency is publish to
 * PUBACK: on the fleet server the PUBACK is sent only after the commit, so it bounds publish-to-row.
 */
final class PacedTelemetryLoad {

    record Outcome(long ackedSamples, long failedPublishes, double seconds, LatencyRecorder latency) {
        double samplesPerSecond() {
            return ackedSamples / seconds;
        }
    }

    private static final int SLOTS_PER_SECOND = 100; // 10 ms slots

    private final List<Mqtt5AsyncClient> clients;
    private final List<DeviceId> ids;
    private final int rate;
    private final int everySeconds;
    private final MessageCodec codec = new MessageCodec();
    private final AtomicLong seq = new AtomicLong(1);

    PacedTelemetryLoad(List<Mqtt5AsyncClient> clients, List<DeviceId> ids, int rate, int everySeconds) {
        this.clients = clients;
        this.ids = ids;
        this.rate = rate;
        this.everySeconds = everySeconds;
    }

    Outcome run(int warmupSeconds, int seconds) throws InterruptedException {
        LatencyRecorder latency = new LatencyRecorder();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long[] tick = {0};
        ticker.scheduleAtFixedRate(() -> {
            int slots = SLOTS_PER_SECOND * everySeconds;
            int slot = (int) (tick[0]++ % slots);
            for (int i = slot; i < clients.size(); i += slots) {
                publish(i, measureFrom, measureTo, latency, acked, failed);
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(measureTo - start));
        ticker.shutdownNow();
        Thread.sleep(2000); // let the last acknowledgements of the window arrive
        return new Outcome(acked.get(), failed.get(), seconds, latency);
    }

    private void publish(int i, long from, long to, LatencyRecorder latency, AtomicLong acked, AtomicLong failed) {
        int n = rate * everySeconds;
        List<NetworkSample> samples = new ArrayList<>(n);
        Instant now = Instant.now();
        for (int s = 0; s < n; s++) {
            samples.add(new NetworkSample(seq.getAndIncrement(), now, LinkType.WIFI, 20.0 + s, 2.0, 0.0, null, null, -60));
        }
        byte[] payload = codec.encode(TelemetryBatch.of(samples));
        long sent = System.nanoTime();
        clients.get(i).publishWith().topic(Topics.of(ids.get(i), Channel.TELEMETRY)).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload).send().whenComplete((result, error) -> {
                    boolean inWindow = sent >= from && sent < to;
                    if (!inWindow) {
                        return;
                    }
                    if (error == null && result.getError().isEmpty()) {
                        acked.addAndGet(n);
                        latency.record((System.nanoTime() - sent) / 1000);
                    } else {
                        failed.incrementAndGet();
                    }
                });
    }
}
