package dk.bostotte.fleet.broker.hivemq;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.fleet.broker.IngestOutcome;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.Topics;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Ingest on the publish path, not as a subscriber: before the PUBACK goes to the device, the message
 * is validated and written to the server's ingest journal. So an acknowledged message survives a
 * crash of the server, and when the database falls behind the device is told to send again later
 * (its own store-and-forward keeps the data) instead of the broker dropping what a lagging
 * subscriber could not take. Quick by design: HiveMQ feeds inbound interceptors only a few at a
 * time, so waiting here for a database commit would serialise the whole fleet on it.
 */
final class IngestInterceptor implements PublishInboundInterceptor {

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
        IngestOutcome outcome = events.onDeviceMessage(
                new DeviceMessage(topic.get().device(), topic.get().channel(), payload, Instant.now()));
        if (outcome.kind() == IngestOutcome.Kind.INVALID) {
            output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, outcome.reason());
        } else if (outcome.kind() == IngestOutcome.Kind.BUSY) {
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, outcome.reason());
        }
    }
}
