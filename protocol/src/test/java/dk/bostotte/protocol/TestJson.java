package dk.bostotte.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits JSON payloads by field path, written the way {@link dk.bostotte.protocol.codec.DecodeError}
 * names fields: {@code v}, {@code settings.language}, {@code samples[3].lossPct}.
 */
public final class TestJson {

    public static final ObjectMapper MAPPER = new MessageCodec().mapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private TestJson() {
    }

    public static ObjectNode tree(ProtocolMessage message) {
        return (ObjectNode) MAPPER.valueToTree(message);
    }

    public static ObjectNode tree(byte[] payload) {
        try {
            return (ObjectNode) MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code root} with {@code edit} applied. */
    public static ObjectNode edited(ObjectNode root, Consumer<ObjectNode> edit) {
        ObjectNode copy = root.deepCopy();
        edit.accept(copy);
        return copy;
    }

    public static void set(ObjectNode root, String path, JsonNode value) {
        List<Object> steps = steps(path);
        JsonNode parent = navigate(root, steps.subList(0, steps.size() - 1));
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    public static void remove(ObjectNode root, String path) {
        List<Object> steps = steps(path);
        JsonNode parent = navigate(root, steps.subList(0, steps.size() - 1));
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).remove(i);
        } else if (((ObjectNode) parent).remove((String) last) == null) {
            throw new IllegalArgumentException("nothing to remove at " + path);
        }
    }

    public static JsonNode get(JsonNode root, String path) {
        return navigate(root, steps(path));
    }

    private static JsonNode navigate(JsonNode node, List<Object> steps) {
        for (Object step : steps) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
            if (node == null) {
                throw new IllegalArgumentException("no such path " + steps);
            }
        }
        return node;
    }

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        int end = 0;
        while (m.find()) {
            if (m.start() != end && !(m.start() == end + 1 && path.charAt(end) == '.')) {
                throw new IllegalArgumentException("bad path " + path);
            }
            steps.add(m.group(1) != null ? (Object) m.group(1) : (Object) Integer.valueOf(m.group(2)));
            end = m.end();
        }
        if (steps.isEmpty() || end != path.length()) {
            throw new IllegalArgumentException("bad path " + path);
        }
        return steps;
    }
}
