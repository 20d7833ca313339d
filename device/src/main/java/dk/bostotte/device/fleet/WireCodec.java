package dk.bostotte.device.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.bostotte.protocol.codec.Decoded;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;

/**
 * {@link MessageCodec} as the device uses it. The shared codec leaves null fields out when encoding
 * but, because it fails on missing creator properties, refuses the very same JSON when decoding
 * (e.g. a {@code NetworkSample} without {@code jitterMs}). Until that is settled in the protocol
 * module the device writes optional fields as explicit nulls, which both readings accept, and
 * before decoding fills in optional fields a sender left out. Validation stays the codec's.
 */
public final class WireCodec {

    private final MessageCodec codec;
    private final ObjectMapper explicitNulls;

    public WireCodec(MessageCodec codec) {
        this.codec = codec;
        this.explicitNulls = codec.mapper().copy();
        this.explicitNulls.setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
    }

    public byte[] encode(ProtocolMessage message) {
        try {
            return explicitNulls.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T extends ProtocolMessage> Decoded<T> decode(Class<T> type, byte[] payload) {
        if (payload == null || payload.length == 0 || payload.length > MessageCodec.MAX_PAYLOAD_BYTES) {
            return codec.decode(type, payload);
        }
        try {
            JsonNode tree = codec.mapper().readTree(payload);
            if (tree instanceof ObjectNode obj) {
                fillOptional(obj, type, 0);
                return codec.decode(type, codec.mapper().writeValueAsBytes(obj));
            }
        } catch (IOException e) {
            // Not JSON: let the codec describe the problem.
        }
        return codec.decode(type, payload);
    }

    /** Adds an explicit null for each absent non-primitive record component, nested records too. */
    private static void fillOptional(ObjectNode node, Class<?> type, int depth) {
        if (!type.isRecord() || depth > 8) {
            return;
        }
        for (RecordComponent rc : type.getRecordComponents()) {
            JsonNode child = node.get(rc.getName());
            if (child == null && !rc.getType().isPrimitive()) {
                node.putNull(rc.getName());
            } else if (child instanceof ObjectNode nested) {
                fillOptional(nested, rc.getType(), depth + 1);
            }
        }
    }
}
