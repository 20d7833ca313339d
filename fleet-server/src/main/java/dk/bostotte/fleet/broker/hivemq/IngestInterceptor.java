package dk.bostotte.fleet.broker.hivemq;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.Topics;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * Ingest on the publish path, not as a subscriber: the PUBACK to the device waits until the message
 * is stored. A slow database therefore slows devices down (each may have only a few unacknowledged
 * publishes in flight) instead of the broker dropping what a lagging subscriber cannot take, and a
 * crash after the PUBACK cannot lose an acknowledged message.
 */
final class IngestInterceptor implements PublishInboundInterceptor {

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerEvents events;

    IngestInterceptor(BrokerEvents events) {
        this.events = events;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String clientId = input.getClientInformation().getClientId();
        var topic = Topics.parse(input.getPublishPacket().getTopic())
                .filter(t -> t.device().value().equals(clientId))
                .filter(t -> t.channel().direction() == Channel.Direction.FROM_DEVICE);
        if (topic.isEmpty()) {
            return; // not a device's own channel: the authorizer decides, nothing to store
        }
        ByteBuffer buffer = input.getPublishPacket().getPayload().orElse(ByteBuffer.allocate(0));
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        Async<PublishInboundOutput> async = output.async(STORE_TIMEOUT, TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR, "storage did not answer in time");
        events.onDeviceMessage(new DeviceMessage(topic.get().device(), topic.get().channel(), payload, Instant.now()))
                .whenComplete((outcome, error) -> {
                    if (error != null) {
                        output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "not stored, send again later");
                    } else if (!outcome.accepted()) {
                        output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, outcome.reason());
                    }
                    async.resume();
                });
    }
}
