package dk.bostotte.device.fleet;

import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paho's callback, kept tiny: it runs on Paho's thread, where an exception would drop the
 * connection, so it only hands events over to the agent's executor.
 */
final class InboundCallback implements MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(InboundCallback.class);

    private final DeviceId id;
    private final Executor executor;
    private final BiConsumer<Channel, byte[]> inbound;
    private final Consumer<String> connectionLost;

    InboundCallback(DeviceId id, Executor executor, BiConsumer<Channel, byte[]> inbound,
                    Consumer<String> connectionLost) {
        this.id = id;
        this.executor = executor;
        this.inbound = inbound;
        this.connectionLost = connectionLost;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Topics.parse(topic)
                .filter(t -> t.device().equals(id) && t.channel().direction() == Channel.Direction.TO_DEVICE)
                .ifPresentOrElse(t -> {
                    byte[] payload = message.getPayload();
                    post(executor, () -> {
                        try {
                            inbound.accept(t.channel(), payload);
                        } catch (RuntimeException e) {
                            log.warn("handling message on {} failed", topic, e);
                        }
                    });
                }, () -> log.debug("ignoring message on {}", topic));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        String reason = MqttMessages.describe(response);
        post(executor, () -> connectionLost.accept(reason));
    }

    /** Hands work to the agent; during shutdown the executor may already be gone, which is fine. */
    static void post(Executor executor, Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            log.debug("agent stopped; dropping event");
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error: {}", MqttMessages.describe(exception));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // Publishes are tracked by their own listeners.
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // Handled by the connect listener in FleetLink.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication: the client certificate is the credential.
    }
}
