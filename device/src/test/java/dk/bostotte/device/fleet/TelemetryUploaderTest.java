package dk.bostotte.device.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uploader against a real queue, with a broker whose acknowledgements the test hands out. */
class TelemetryUploaderTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService agent = Executors.newSingleThreadScheduledExecutor();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private TelemetryQueue queue;
    private TelemetryUploader uploader;

    private record Sent(TelemetryBatch batch, CompletableFuture<Void> ack) {
    }

    @BeforeEach
    void setUp() throws Exception {
        queue = TelemetryQueue.open(dir, 10_000, System::currentTimeMillis);
        uploader = new TelemetryUploader(DeviceId.random(new java.security.SecureRandom()), queue, agent,
                Duration.ofMillis(50));
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.shutdownNow();
        queue.close();
    }

    private void onAgent(Runnable r) throws Exception {
        agent.submit(r).get(5, TimeUnit.SECONDS);
    }

    private void connect() throws Exception {
        onAgent(() -> uploader.connected(batch -> {
            Sent s = new Sent(batch, new CompletableFuture<>());
            sent.add(s);
            return s.ack;
        }));
    }

    private void fill(int n) {
        for (int i = 0; i < n; i++) {
            queue.append(new NetworkSample(queue.nextSeq(), Instant.now(), LinkType.ETHERNET, 3.0, null, null, null, null, null));
        }
    }

    /** Acknowledges (or fails) a batch and waits until the uploader has dealt with it. */
    private void settle(int index, Throwable failure) throws Exception {
        Sent s = sent.get(index);
        if (failure == null) {
            s.ack.complete(null);
        } else {
            s.ack.completeExceptionally(failure);
        }
        onAgent(() -> { });
        onAgent(() -> { });
    }

    @Test
    void sendsAtMostAFewBatchesOfBoundedSizeAtOnce() throws Exception {
        fill(1000);
        connect();
        assertEquals(TelemetryUploader.MAX_IN_FLIGHT, sent.size());
        for (Sent s : sent) {
            assertEquals(TelemetryUploader.BATCH_SIZE, s.batch.samples().size());
            assertTrue(s.batch.samples().size() <= TelemetryBatch.MAX_SAMPLES);
        }
        settle(0, null);
        assertEquals(TelemetryUploader.MAX_IN_FLIGHT + 1, sent.size(), "an acknowledgement frees a slot");
    }

    @Test
    void samplesLeaveTheQueueOnlyWhenTheirBatchIsAcknowledged() throws Exception {
        fill(150);
        connect();
        assertEquals(150, queue.size());
        settle(1, null);
        assertEquals(100, queue.size());
        assertEquals(sent.get(0).batch.samples(), queue.snapshot());
    }

    @Test
    void lostConnectionSendsUnacknowledgedSamplesAgainOnTheNext() throws Exception {
        fill(50);
        connect();
        onAgent(uploader::disconnected);
        sent.get(0).ack.completeExceptionally(new RuntimeException("connection lost"));
        connect();
        assertEquals(2, sent.size());
        assertEquals(sent.get(0).batch, sent.get(1).batch);
        settle(1, null);
        assertEquals(0, queue.size());
    }

    @Test
    void failedBatchIsRetriedAfterADelay() throws Exception {
        fill(10);
        connect();
        settle(0, new PublishRejectedException("t", 0x97));
        assertEquals(1, sent.size(), "no immediate retry");
        Thread.sleep(200);
        onAgent(() -> { });
        assertEquals(2, sent.size());
        assertEquals(sent.get(0).batch, sent.get(1).batch);
        assertEquals(10, queue.size());
    }

    @Test
    void batchTheServerRefusesAsInvalidIsDroppedAndTheNextOneSent() throws Exception {
        fill(350);
        connect();
        assertEquals(3, sent.size());
        settle(0, new PublishRejectedException("t", TelemetryUploader.PAYLOAD_FORMAT_INVALID));
        assertEquals(250, queue.size(), "the refused batch left the queue; it is kept on the server");
        assertEquals(4, sent.size(), "sending went on without waiting for a retry");
    }

    @Test
    void newSamplesFlowWhilstConnected() throws Exception {
        connect();
        assertEquals(0, sent.size());
        fill(1);
        onAgent(uploader::pump);
        assertEquals(1, sent.size());
    }
}
