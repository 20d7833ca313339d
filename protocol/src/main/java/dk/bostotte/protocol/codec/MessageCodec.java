package dk.bostotte.protocol.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The one JSON codec of the protocol. Decoding never throws: every way a payload can be wrong comes
 * back as a {@link Decoded.Failed} naming the problem. Unknown fields are ignored so that a newer
 * device can add optional fields within the same schema version.
 */
public final class MessageCodec {

    /** Largest payload accepted on any channel; the broker enforces the same limit on the wire. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final ObjectMapper mapper;

    public MessageCodec() {
        mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("wire-instant")
                        .addDeserializer(Instant.class, new WireInstantDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // Optional fields may be absent (null); required primitives say so with
                // @JsonProperty(required = true), so a missing one is an error and never a silent 0.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // No silent conversions: 1.7 must not become seq 1 (a dedup collision), "17" not 17.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    /** The mapper, configured for the wire; shared so that HTTP APIs write the same JSON. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] encode(ProtocolMessage message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public Decoded<ProtocolMessage> decode(Channel channel, byte[] payload) {
        return (Decoded<ProtocolMessage>) decode((Class<ProtocolMessage>) channel.messageType(), payload);
    }

    public <T extends ProtocolMessage> Decoded<T> decode(Class<T> type, byte[] payload) {
        if (payload == null || payload.length == 0) {
            return failed(DecodeError.Reason.MALFORMED_JSON, null, "empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return failed(DecodeError.Reason.TOO_LARGE, null, payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        // Almost every message is valid: read it straight into its record, once. Only when that
        // fails, or the version is not ours, is it read again as a tree to name the problem.
        try {
            T message = mapper.readValue(payload, type);
            if (message != null && message.v() == ProtocolMessage.VERSION) {
                return checked(message);
            }
        } catch (IOException | RuntimeException e) {
            // diagnosed below
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (IOException e) {
            return failed(DecodeError.Reason.MALFORMED_JSON, null, firstLine(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            return failed(DecodeError.Reason.MALFORMED_JSON, null, "payload is not a JSON object");
        }
        JsonNode v = tree.get("v");
        if (v == null || v.isNull()) {
            return failed(DecodeError.Reason.MISSING_FIELD, "v", "schema version is required");
        }
        if (!v.isInt() || v.intValue() != ProtocolMessage.VERSION) {
            return failed(DecodeError.Reason.UNSUPPORTED_VERSION, "v", "version " + v + " is not supported (expected " + ProtocolMessage.VERSION + ")");
        }
        T message;
        try {
            message = mapper.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            String field = fieldPath(e);
            boolean missing = e.getMessage() != null && e.getMessage().startsWith("Missing");
            boolean badValue = e instanceof InvalidFormatException || e.getCause() instanceof IllegalArgumentException;
            DecodeError.Reason reason = missing ? DecodeError.Reason.MISSING_FIELD
                    : badValue ? DecodeError.Reason.INVALID_VALUE : DecodeError.Reason.INVALID_VALUE;
            return failed(reason, field, firstLine(e.getOriginalMessage()));
        } catch (ValueInstantiationException e) {
            return failed(DecodeError.Reason.INVALID_VALUE, fieldPath(e), firstLine(String.valueOf(e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage())));
        } catch (IOException | RuntimeException e) {
            return failed(DecodeError.Reason.INVALID_VALUE, null, firstLine(String.valueOf(e.getMessage())));
        }
        return checked(message);
    }

    private static <T extends ProtocolMessage> Decoded<T> checked(T message) {
        Checks checks = new Checks();
        message.check(checks);
        return checks.firstError().<Decoded<T>>map(Decoded.Failed::new).orElseGet(() -> new Decoded.Ok<>(message));
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static <T> Decoded<T> failed(DecodeError.Reason reason, String field, String detail) {
        return new Decoded.Failed<>(new DecodeError(reason, field, detail));
    }
}
