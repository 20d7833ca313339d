package dk.bostotte.device.fleet;

import dk.bostotte.protocol.Channel;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Small Paho helpers: messages shaped by their {@link Channel}, and failure reasons fit for one log line. */
final class MqttMessages {

    private MqttMessages() {
    }

    static MqttMessage forChannel(Channel channel, byte[] payload) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(channel.qos());
        m.setRetained(channel.retained());
        m.setProperties(properties(channel));
        return m;
    }

    static MqttProperties properties(Channel channel) {
        MqttProperties p = new MqttProperties();
        p.setContentType(channel.contentType());
        p.setPayloadFormat(true);
        return p;
    }

    /** Paho's two-method listener from two lambdas. */
    static MqttActionListener listener(Consumer<IMqttToken> success, Consumer<Throwable> failure) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                success.accept(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                failure.accept(error);
            }
        };
    }

    /** The first failure reason code in an acknowledgement, or -1 if it reports success. */
    static int failureReason(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        if (codes != null) {
            for (int c : codes) {
                if (c >= 0x80) {
                    return c;
                }
            }
        }
        return -1;
    }

    /** Why a connection failed, as one line: network failures are routine and need no stack trace. */
    static String describe(Throwable t) {
        if (t == null) {
            return "unknown reason";
        }
        StringBuilder b = new StringBuilder(String.valueOf(t.getMessage()));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !b.toString().contains(m)) {
                b.append(": ").append(c.getClass().getSimpleName()).append(' ').append(m);
            } else if (m == null) {
                b.append(": ").append(c.getClass().getSimpleName());
            }
        }
        return b.toString();
    }

    static String describe(MqttDisconnectResponse r) {
        if (r == null) {
            return "unknown reason";
        }
        if (r.getException() != null) {
            return describe(r.getException());
        }
        String reason = r.getReasonString();
        return String.format("server disconnected with reason code 0x%02x%s", r.getReturnCode(),
                reason == null ? "" : " (" + reason + ")");
    }
}
