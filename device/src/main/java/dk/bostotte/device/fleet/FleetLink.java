package dk.bostotte.device.fleet;

import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's one MQTT 5 connection to the fleet broker. Reconnects with its own {@link Backoff}
 * rather than Paho's automatic reconnect, so every attempt is logged once and the delay is jittered.
 * The last will marks the device offline if it vanishes; each connect publishes the birth and
 * subscribes to the device's own server-to-device channels. Connection state is only touched on
 * {@code executor}, a single thread shared with the rest of the agent.
 *
 * <p>Every attempt uses a fresh Paho client: after a connection breaks mid-write, Paho 1.2.5 can
 * leave a reused client "connecting" or "disconnecting" forever, and a device must never stay
 * offline because of a library's internal state. Events from an older client are ignored.
 */
public final class FleetLink {

    private static final Logger log = LoggerFactory.getLogger(FleetLink.class);
    private static final int CONNECT_TIMEOUT_S = 30;

    private final LinkConfig config;
    private final DeviceId id;
    private final Clock clock;
    private final Backoff backoff;
    private final ScheduledExecutorService executor;
    private final MessageCodec codec;
    private volatile MqttAsyncClient client;
    private volatile LinkListener listener;
    private volatile boolean connected;
    private volatile boolean stopping;
    private ScheduledFuture<?> retry;
    private long attemptNumber;
    private boolean attemptSettled = true;

    public FleetLink(LinkConfig config, Clock clock, Backoff backoff, ScheduledExecutorService executor,
                     MessageCodec codec) throws MqttException {
        this.config = config;
        this.id = config.deviceId();
        this.clock = clock;
        this.backoff = backoff;
        this.executor = executor;
        this.codec = codec;
        this.client = newClient(0);
    }

    private MqttAsyncClient newClient(long attempt) throws MqttException {
        // In-memory only: undelivered telemetry lives in TelemetryQueue, not in Paho.
        MqttAsyncClient c = new MqttAsyncClient(config.serverUri(), id.value(), new MemoryPersistence());
        c.setCallback(new InboundCallback(id, executor, (ch, payload) -> listener.messageArrived(ch, payload),
                reason -> {
                    if (attempt == attemptNumber) {
                        connectionLost(reason);
                    }
                }));
        return c;
    }

    /** Starts connecting, and keeps reconnecting until {@link #stop}; events go to {@code listener}. */
    public void start(LinkListener listener) {
        this.listener = listener;
        executor.execute(this::attempt);
    }

    public DeviceId deviceId() {
        return id;
    }

    public String serverUri() {
        return config.serverUri();
    }

    public boolean isConnected() {
        return connected && client.isConnected();
    }

    /** Publishes on one of this device's channels; completes when the broker acknowledged it. */
    public CompletableFuture<Void> publish(Channel channel, ProtocolMessage message) {
        if (channel.direction() != Channel.Direction.FROM_DEVICE || !channel.messageType().isInstance(message)) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " does not go on " + channel);
        }
        String topic = Topics.of(id, channel);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.publish(topic, MqttMessages.forChannel(channel, codec.encode(message)), null, MqttMessages.listener(
                    token -> {
                        int reason = MqttMessages.failureReason(token);
                        if (reason < 0) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(new PublishRejectedException(topic, reason));
                        }
                    },
                    done::completeExceptionally));
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void attempt() {
        if (stopping) {
            return;
        }
        long number = ++attemptNumber;
        attemptSettled = false;
        discard(client);
        try {
            client = newClient(number);
        } catch (MqttException | RuntimeException e) {
            attemptSettled = true;
            retryAfter(e);
            return;
        }
        // A connect that neither succeeds nor fails (a silent network) is abandoned and retried.
        executor.schedule(() -> {
            if (number == attemptNumber && !attemptSettled && !stopping) {
                log.warn("device {} connect attempt {} did not finish in {} s; retrying with a new MQTT client", id, number,
                        CONNECT_TIMEOUT_S + 5);
                settle(number, () -> retryAfter(new TimeoutException("connect did not finish")));
            }
        }, CONNECT_TIMEOUT_S + 5L, TimeUnit.SECONDS);
        try {
            client.connect(options(), null, MqttMessages.listener(
                    token -> InboundCallback.post(executor, () -> settle(number, this::onConnected)),
                    error -> InboundCallback.post(executor, () -> settle(number, () -> retryAfter(error)))));
        } catch (MqttException | RuntimeException e) {
            settle(number, () -> retryAfter(e));
        }
    }

    /** Runs {@code then} only for the current attempt, and only once. */
    private void settle(long number, Runnable then) {
        if (number != attemptNumber || attemptSettled) {
            return;
        }
        attemptSettled = true;
        then.run();
    }

    /** Drops a client that is no longer used, whatever state Paho left it in. */
    private void discard(MqttAsyncClient old) {
        try {
            // Also cuts the socket of a connect that never finished.
            old.disconnectForcibly(0, 500, false);
        } catch (MqttException | RuntimeException e) {
            log.debug("device {} dropping the previous MQTT client: {}", id, e.toString());
        }
        try {
            old.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("device {} closing the previous MQTT client: {}", id, e.toString());
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        o.setConnectionTimeout(CONNECT_TIMEOUT_S);
        o.setAutomaticReconnect(false);
        if (config.socketFactory() != null) {
            o.setSocketFactory(config.socketFactory());
        }
        DeviceState will = DeviceState.offline(clock.instant(), config.appVersion(), config.model());
        o.setWill(Topics.of(id, Channel.STATE), MqttMessages.forChannel(Channel.STATE, codec.encode(will)));
        o.setWillMessageProperties(MqttMessages.properties(Channel.STATE));
        return o;
    }

    private void onConnected() {
        if (stopping) {
            return;
        }
        connected = true;
        backoff.reset();
        publish(Channel.STATE, DeviceState.online(clock.instant(), config.appVersion(), config.model()))
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        log.warn("device {} birth not delivered: {}", id, MqttMessages.describe(e));
                    }
                });
        listener.connected();
        // Logged once the subscriptions are acknowledged, so whoever waits for this line can send commands.
        subscribe(() -> log.info("device {} connected to {}", id, config.serverUri()));
    }

    private void subscribe(Runnable then) {
        // Every server-to-device channel of this device: commands, config and call signalling.
        MqttSubscription[] subs = Arrays.stream(Channel.values())
                .filter(c -> c.direction() == Channel.Direction.TO_DEVICE)
                .map(c -> new MqttSubscription(Topics.of(id, c), c.qos())).toArray(MqttSubscription[]::new);
        try {
            client.subscribe(subs, null, MqttMessages.listener(
                    token -> {
                        int reason = MqttMessages.failureReason(token);
                        if (reason >= 0) {
                            log.warn("device {} subscription refused with reason code 0x{}", id, Integer.toHexString(reason));
                        }
                        then.run();
                    },
                    // Usually the connection dropping again; the next connect logs its own line.
                    error -> log.warn("device {} cannot subscribe: {}", id, MqttMessages.describe(error))),
                    new MqttProperties());
        } catch (MqttException e) {
            log.warn("device {} cannot subscribe: {}", id, MqttMessages.describe(e));
        }
    }

    /** Called on the executor when Paho reports the connection gone. */
    private void connectionLost(String reason) {
        if (!connected) {
            return;
        }
        connected = false;
        listener.disconnected();
        if (!stopping) {
            Duration delay = backoff.next();
            log.info("device {} lost connection to {}: {}; reconnecting in {} ms", id, config.serverUri(), reason,
                    delay.toMillis());
            scheduleAttempt(delay);
        }
    }

    private void retryAfter(Throwable error) {
        if (stopping) {
            return;
        }
        int attempt = backoff.attempts() + 1;
        Duration delay = backoff.next();
        log.info("device {} cannot connect to {} (attempt {}): {}; next attempt in {} ms", id, config.serverUri(),
                attempt, MqttMessages.describe(error), delay.toMillis());
        scheduleAttempt(delay);
    }

    private void scheduleAttempt(Duration delay) {
        retry = executor.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Says goodbye: the retained offline state (a clean DISCONNECT suppresses the last will), then
     * a normal disconnect. Blocks for at most about twice {@code timeout}; call from outside the executor.
     */
    public void stop(Duration timeout) {
        stopping = true;
        InboundCallback.post(executor, () -> {
            if (retry != null) {
                retry.cancel(false);
            }
        });
        try {
            if (client.isConnected()) {
                publish(Channel.STATE, DeviceState.offline(clock.instant(), config.appVersion(), config.model()))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
            }
        } catch (Exception e) {
            log.warn("device {} did not disconnect cleanly: {}", id, MqttMessages.describe(e));
        } finally {
            connected = false;
            try {
                client.close(true);
            } catch (MqttException e) {
                log.debug("closing MQTT client: {}", e.toString());
            }
        }
    }
}
