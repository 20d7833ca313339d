package dk.bostotte.device.fleet;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains {@link TelemetryQueue} to the broker while connected: a few batches in flight at once, each
 * removed from the queue only when its PUBACK arrives. After a failure or a lost connection every
 * unacknowledged sample is sent again; the server stores each (device, seq) once. All methods run on
 * the agent's executor, so a connection's state is never seen half-updated.
 */
public final class TelemetryUploader {

    /** Well under {@link TelemetryBatch#MAX_SAMPLES} and the 64 KiB payload limit (about 200 bytes a sample). */
    public static final int BATCH_SIZE = 100;
    static final int MAX_IN_FLIGHT = 3;
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(TelemetryUploader.class);

    private final DeviceId id;
    private final TelemetryQueue queue;
    private final ScheduledExecutorService executor;
    private final Duration retryDelay;
    private Session session;

    /** One connection's worth of sending; results for an older session no longer steer sending. */
    private static final class Session {
        final Function<TelemetryBatch, CompletableFuture<Void>> publisher;
        int inFlight;
        boolean failed;

        Session(Function<TelemetryBatch, CompletableFuture<Void>> publisher) {
            this.publisher = publisher;
        }
    }

    public TelemetryUploader(DeviceId id, TelemetryQueue queue, ScheduledExecutorService executor) {
        this(id, queue, executor, RETRY_DELAY);
    }

    TelemetryUploader(DeviceId id, TelemetryQueue queue, ScheduledExecutorService executor, Duration retryDelay) {
        this.id = id;
        this.queue = queue;
        this.executor = executor;
        this.retryDelay = retryDelay;
    }

    public void connected(Function<TelemetryBatch, CompletableFuture<Void>> publisher) {
        queue.rewind();
        session = new Session(publisher);
        pump();
    }

    public void disconnected() {
        session = null;
        queue.rewind();
    }

    /** Sends what the queue holds, up to the in-flight limit; call whenever a sample was added. */
    public void pump() {
        Session s = session;
        while (s != null && !s.failed && s.inFlight < MAX_IN_FLIGHT) {
            List<NetworkSample> batch = queue.takeBatch(BATCH_SIZE);
            if (batch.isEmpty()) {
                return;
            }
            s.inFlight++;
            CompletableFuture<Void> sent;
            try {
                sent = s.publisher.apply(TelemetryBatch.of(batch));
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((ok, error) -> InboundCallback.post(executor, () -> settled(s, batch, error)));
        }
    }

    private void settled(Session s, List<NetworkSample> batch, Throwable error) {
        if (isRefusedForGood(error)) {
            // The server kept the payload for inspection and said it will never accept it: sending
            // it again would block every later sample behind it.
            queue.acknowledge(batch);
            log.warn("device {} telemetry batch of {} samples refused by the server as invalid, not resent: {}", id,
                    batch.size(), MqttMessages.describe(error));
            error = null;
        } else if (error == null) {
            // Acknowledged even if that connection has since gone: the broker has these samples.
            queue.acknowledge(batch);
            log.debug("device {} delivered {} samples", id, batch.size());
        }
        if (s != session) {
            return;
        }
        s.inFlight--;
        if (error != null && !s.failed) {
            s.failed = true;
            log.info("device {} telemetry batch not delivered, retrying in {} s: {}", id, retryDelay.toSeconds(),
                    MqttMessages.describe(error));
        }
        if (s.failed) {
            if (s.inFlight == 0) {
                // Wait for the rest to settle, so the retry does not duplicate batches still in flight.
                executor.schedule(() -> resume(s), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        pump();
    }

    /** PUBACK 0x99 (payload format invalid): stored server-side as rejected; any other failure is worth a retry. */
    static boolean isRefusedForGood(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return e instanceof PublishRejectedException r && r.reasonCode() == PAYLOAD_FORMAT_INVALID;
    }

    static final int PAYLOAD_FORMAT_INVALID = 0x99;

    private void resume(Session s) {
        if (s == session) {
            queue.rewind();
            s.failed = false;
            pump();
        }
    }
}
