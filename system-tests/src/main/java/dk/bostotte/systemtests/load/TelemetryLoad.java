package dk.bostotte.systemtests.load;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.TelemetryBatch;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.TestMqttClients;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated devices publishing telemetry as fast as the server lets them (QoS 1). A publish the
 * server did not store (PUBACK error) is sent again after a short pause, as the device agent does,
 * so the result counts what was acknowledged and how often the server pushed back.
 */
public final class TelemetryLoad {

    public record Result(long acknowledgedSamples, long resends, Duration elapsed) {
    }

    private TelemetryLoad() {
    }

    public static Result flood(List<EnrolledDevice> devices, int port, X509Certificate ca, int publishesPerDevice,
                               int samplesPerPublish, Duration timeout) throws Exception {
        MessageCodec codec = new MessageCodec();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong resends = new AtomicLong();
        ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor();
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (EnrolledDevice d : devices) {
                MqttClientSslConfig tls = TestMqttClients.tls(Optional.of(d.credential()), ca);
                Mqtt5AsyncClient c = TestMqttClients.async(d.id().value(), port, tls);
                c.connect().get(30, TimeUnit.SECONDS);
                clients.add(c);
                String topic = Topics.of(d.id(), Channel.TELEMETRY);
                for (int p = 0; p < publishesPerDevice; p++) {
                    List<NetworkSample> samples = new ArrayList<>(samplesPerPublish);
                    for (int s = 0; s < samplesPerPublish; s++) {
                        samples.add(new NetworkSample((long) p * samplesPerPublish + s, Instant.now(), LinkType.ETHERNET,
                                10.0 + s, 1.0, 0.0, null, null, null));
                    }
                    byte[] payload = codec.encode(TelemetryBatch.of(samples));
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    publishUntilStored(c, topic, payload, done, retry, resends);
                    all.add(done.thenRun(() -> acknowledged.addAndGet(samplesPerPublish)));
                }
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(acknowledged.get(), resends.get(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            retry.shutdownNow();
            for (Mqtt5AsyncClient c : clients) {
                c.disconnect();
            }
        }
    }

    static void publishUntilStored(Mqtt5AsyncClient c, String topic, byte[] payload, CompletableFuture<Void> done,
                                   ScheduledExecutorService retry, AtomicLong resends) {
        c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send().whenComplete((result, error) -> {
            if (error == null && storedBy(result)) {
                done.complete(null);
                return;
            }
            resends.incrementAndGet();
            retry.schedule(() -> publishUntilStored(c, topic, payload, done, retry, resends), 20, TimeUnit.MILLISECONDS);
        });
    }

    private static boolean storedBy(Mqtt5PublishResult result) {
        return result.getError().isEmpty();
    }
}
