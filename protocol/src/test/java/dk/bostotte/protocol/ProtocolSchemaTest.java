package dk.bostotte.protocol;

import static dk.bostotte.protocol.TestJson.NODES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dk.bostotte.protocol.codec.DecodeError;
import dk.bostotte.protocol.codec.DecodeError.Reason;
import dk.bostotte.protocol.codec.Decoded;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.Command;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.CallSignal;
import dk.bostotte.protocol.message.CommandType;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.ProtocolMessage;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds asyncapi.yaml and schemas/*.json to the code: every channel is documented with the right
 * address, content type, QoS, retain flag and schema; what the codec writes conforms to the schema;
 * and what the codec refuses, the schema refuses too. The documents are read from the classpath
 * ({@code dk/bostotte/protocol/spec/}), exactly as they ship in the jar.
 */
class ProtocolSchemaTest {

    static final String SPEC = "/dk/bostotte/protocol/spec/";
    static final String ADDRESS_PREFIX = "bostotte/v1/devices/{deviceId}/";

    static final MessageCodec CODEC = new MessageCodec();
    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    static JsonNode asyncapi;
    /** The asyncapi.yaml channel key of each Channel. */
    static final Map<Channel, String> CHANNEL_KEYS = new EnumMap<>(Channel.class);
    /** The payload $ref of each channel's message, as written in asyncapi.yaml. */
    static final Map<Channel, String> SCHEMA_REFS = new EnumMap<>(Channel.class);
    static final Map<Channel, JsonNode> SCHEMA_DOCS = new EnumMap<>(Channel.class);
    static final Map<Channel, JsonSchema> SCHEMAS = new EnumMap<>(Channel.class);

    @BeforeAll
    static void loadSpec() throws IOException {
        try (InputStream in = resource("asyncapi.yaml")) {
            asyncapi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        asyncapi.get("channels").fields().forEachRemaining(e -> {
            String address = e.getValue().path("address").asText();
            assertTrue(address.startsWith(ADDRESS_PREFIX), "channel " + e.getKey() + " has address " + address);
            Channel channel = Channel.bySuffix(address.substring(ADDRESS_PREFIX.length()))
                    .orElseThrow(() -> new AssertionError("asyncapi.yaml channel " + e.getKey() + " (" + address
                            + ") is not a Channel"));
            String previous = CHANNEL_KEYS.put(channel, e.getKey());
            assertEquals(null, previous, "two asyncapi.yaml channels for " + channel);
        });
        for (Map.Entry<Channel, String> e : CHANNEL_KEYS.entrySet()) {
            String ref = message(e.getKey()).path("payload").path("$ref").asText();
            assertFalse(ref.isEmpty(), "message of " + e.getKey() + " has no payload $ref");
            SCHEMA_REFS.put(e.getKey(), ref);
            JsonNode doc;
            try (InputStream in = resource(ref)) {
                doc = TestJson.MAPPER.readTree(in);
            }
            SCHEMA_DOCS.put(e.getKey(), doc);
            SCHEMAS.put(e.getKey(), FACTORY.getSchema(doc, CONFIG));
        }
    }

    static InputStream resource(String relative) {
        String path = URI.create(SPEC).resolve(relative).getPath();
        InputStream in = ProtocolSchemaTest.class.getResourceAsStream(path);
        assertNotNull(in, "not on the classpath: " + path);
        return in;
    }

    /** Follows local {@code $ref}s ({@code #/...}) within asyncapi.yaml. */
    static JsonNode deref(JsonNode node) {
        for (int i = 0; node.has("$ref") && node.get("$ref").asText().startsWith("#/"); i++) {
            assertTrue(i < 10, "$ref loop");
            String ref = node.get("$ref").asText();
            node = asyncapi.at(ref.substring(1));
            assertFalse(node.isMissingNode(), "dangling $ref " + ref);
        }
        return node;
    }

    static JsonNode channelNode(Channel channel) {
        return asyncapi.get("channels").get(CHANNEL_KEYS.get(channel));
    }

    static JsonNode message(Channel channel) {
        JsonNode messages = channelNode(channel).path("messages");
        assertEquals(1, messages.size(), channel + " must carry exactly one message");
        return deref(messages.elements().next());
    }

    static Set<String> validate(Channel channel, JsonNode instance) {
        return SCHEMAS.get(channel).validate(instance).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static void assertConforms(Channel channel, byte[] payload) {
        Set<String> errors = validate(channel, TestJson.tree(payload));
        assertTrue(errors.isEmpty(), () -> channel + " payload " + new String(payload) + " breaks "
                + SCHEMA_REFS.get(channel) + ": " + errors);
    }

    // ---------------------------------------------------------------- asyncapi.yaml

    @Test
    void asyncapiHasExactlyTheChannelsOfTheEnum() {
        assertEquals(Set.of(Channel.values()), CHANNEL_KEYS.keySet(),
                "asyncapi.yaml channels vs Channel values");
        assertEquals(Channel.values().length, asyncapi.get("channels").size());
        assertEquals("3.0.0", asyncapi.path("asyncapi").asText());
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void channelAddressAndParameterMatchTopics(Channel channel) {
        JsonNode node = channelNode(channel);
        String address = node.get("address").asText();
        assertEquals(Topics.of(Samples.DEVICE, channel), address.replace("{deviceId}", Samples.DEVICE.value()));
        assertEquals(Topics.allDevices(channel), address.replace("{deviceId}", "+"));
        JsonNode parameters = node.path("parameters");
        assertEquals(List.of("deviceId"), fieldNames(parameters));
        JsonNode deviceId = deref(parameters.get("deviceId"));
        assertTrue(deviceId.path("description").asText().contains(DeviceId.PATTERN),
                "deviceId parameter must state the pattern " + DeviceId.PATTERN);
        assertTrue(deviceId.path("examples").size() > 0);
        deviceId.path("examples").forEach(ex -> assertTrue(DeviceId.isValid(ex.asText()), ex + " is not a valid id"));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void messageHasTheChannelsContentTypeQosAndRetain(Channel channel) {
        JsonNode message = message(channel);
        assertFalse(message.path("name").asText().isBlank(), channel + " message needs a name");
        assertFalse(message.path("title").asText().isBlank(), channel + " message needs a title");
        assertEquals(channel.contentType(), message.path("contentType").asText());
        JsonNode mqtt = message.path("bindings").path("mqtt");
        assertEquals(channel.contentType(), mqtt.path("contentType").asText());
        // Devices flag their payloads as UTF-8; the fleet server's publishes do not set the indicator.
        assertEquals(channel.direction() == Channel.Direction.FROM_DEVICE ? 1 : 0,
                mqtt.path("payloadFormatIndicator").asInt(0), "payload format indicator");
        assertEquals(channel.qos(), mqtt.path("x-qos").asInt(-1));
        assertTrue(mqtt.path("x-retain").isBoolean());
        assertEquals(channel.retained(), mqtt.path("x-retain").asBoolean());
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void oneOperationPerChannelWithTheDevicesDirection(Channel channel) {
        String channelRef = "#/channels/" + CHANNEL_KEYS.get(channel);
        List<JsonNode> operations = new ArrayList<>();
        asyncapi.get("operations").forEach(op -> {
            if (channelRef.equals(op.path("channel").path("$ref").asText())) {
                operations.add(op);
            }
        });
        assertEquals(1, operations.size(), "operations on " + channelRef);
        JsonNode op = operations.get(0);
        // Written from the device's point of view (see info.description).
        assertEquals(channel.direction() == Channel.Direction.FROM_DEVICE ? "send" : "receive", op.get("action").asText());
        JsonNode mqtt = op.path("bindings").path("mqtt");
        assertEquals(channel.qos(), mqtt.path("qos").asInt(-1));
        assertTrue(mqtt.path("retain").isBoolean());
        assertEquals(channel.retained(), mqtt.path("retain").asBoolean());
        assertEquals(1, op.path("messages").size());
        String messageRef = op.get("messages").get(0).path("$ref").asText();
        assertTrue(messageRef.startsWith(channelRef + "/messages/"), messageRef);
        assertEquals(message(channel), deref(op.get("messages").get(0)));
    }

    @Test
    void operationsReferenceOnlyKnownChannels() {
        Set<String> refs = new HashSet<>();
        asyncapi.get("operations").forEach(op -> refs.add(op.path("channel").path("$ref").asText()));
        assertEquals(CHANNEL_KEYS.values().stream().map(k -> "#/channels/" + k).collect(Collectors.toSet()), refs);
        assertEquals(Channel.values().length, asyncapi.get("operations").size());
    }

    @Test
    void infoAndServerDescribeTheTransport() {
        JsonNode info = asyncapi.get("info");
        assertEquals("Bostøtte Online fleet protocol", info.path("title").asText());
        assertEquals(String.valueOf(ProtocolMessage.VERSION), info.path("version").asText());
        String description = info.path("description").asText();
        for (String needle : List.of("mutual", "client id", "CN", "0x99", "0x80", "content type", "`v`", "call/",
                "device's point of view", "64 KiB", "Unknown fields")) {
            assertTrue(description.contains(needle), "info.description should mention " + needle);
        }
        JsonNode server = asyncapi.path("servers").path("fleet");
        assertEquals("mqtts", server.path("protocol").asText());
        assertEquals("{host}:8883", server.path("host").asText());
        assertTrue(server.path("variables").has("host"));
        assertEquals(1, server.path("security").size());
        assertEquals("X509", deref(server.path("security").get(0)).path("type").asText());
    }

    // ---------------------------------------------------------------- schemas/*.json

    @Test
    void everySchemaFileIsUsedByExactlyOneChannel() throws URISyntaxException, IOException {
        URL dir = ProtocolSchemaTest.class.getResource(SPEC + "schemas");
        assertNotNull(dir);
        Set<String> files;
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            files = list.map(p -> "schemas/" + p.getFileName()).collect(Collectors.toSet());
        }
        assertEquals(files, new HashSet<>(SCHEMA_REFS.values()));
        assertEquals(Channel.values().length, files.size());
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void schemaIsAValidDraft202012ObjectSchema(Channel channel) {
        JsonNode doc = SCHEMA_DOCS.get(channel);
        String file = SCHEMA_REFS.get(channel).substring("schemas/".length());
        assertEquals(SchemaId.V202012, doc.path("$schema").asText());
        assertTrue(doc.path("$id").asText().endsWith("/" + file), "$id should end with " + file);
        assertEquals("object", doc.path("type").asText());
        assertTrue(doc.path("additionalProperties").asBoolean(false), "unknown fields are tolerated");
        assertTrue(doc.path("description").asText().contains("Unknown fields are tolerated"), "description of " + file);
        assertTrue(stringSet(doc.path("required")).contains("v"));
        assertEquals(ProtocolMessage.VERSION, doc.path("properties").path("v").path("const").asInt(-1));
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
        Set<ValidationMessage> errors = meta.validate(doc);
        assertTrue(errors.isEmpty(), () -> file + " is not a valid 2020-12 schema: " + errors);
    }

    @Test
    void deviceSettingsAreDefinedIdenticallyInBothConfigSchemas() {
        JsonNode desired = SCHEMA_DOCS.get(Channel.CONFIG).path("$defs").path("device-settings");
        JsonNode reported = SCHEMA_DOCS.get(Channel.CONFIG_REPORTED).path("$defs").path("device-settings");
        assertFalse(desired.isMissingNode());
        assertEquals(desired, reported);
        assertFalse(SCHEMA_DOCS.get(Channel.TELEMETRY).path("$defs").path("network-sample").isMissingNode());
    }

    /** The schema names exactly the record's components, at every level. */
    @ParameterizedTest
    @EnumSource(Channel.class)
    void schemaPropertiesAreExactlyTheRecordComponents(Channel channel) {
        JsonNode doc = SCHEMA_DOCS.get(channel);
        assertPropertiesMatch(doc, doc, channel.messageType(), channel.messageType().getSimpleName());
    }

    private static void assertPropertiesMatch(JsonNode doc, JsonNode schema, Class<?> record, String where) {
        assertTrue(record.isRecord(), where);
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            components.put(c.getName(), c);
        }
        assertEquals(new TreeSet<>(components.keySet()), new TreeSet<>(fieldNames(schema.path("properties"))),
                "properties of " + where);
        components.forEach((name, c) -> {
            JsonNode property = resolve(doc, schema.path("properties").path(name));
            Class<?> nested = nestedRecord(c.getGenericType());
            if (nested != null) {
                JsonNode nestedSchema = types(property).contains("array") ? resolve(doc, property.path("items")) : property;
                assertPropertiesMatch(doc, nestedSchema, nested, where + "." + name);
            }
        });
    }

    private static Class<?> nestedRecord(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        return null;
    }

    @Test
    void schemaEnumsAreExactlyTheWireValues() {
        assertEquals(wire(DeviceState.State.values(), DeviceState.State::wire),
                stringSet(SCHEMA_DOCS.get(Channel.STATE).at("/properties/state/enum")));
        assertEquals(wire(CommandType.values(), CommandType::wire),
                stringSet(SCHEMA_DOCS.get(Channel.COMMAND).at("/properties/type/enum")));
        assertEquals(wire(CommandResult.Outcome.values(), CommandResult.Outcome::wire),
                stringSet(SCHEMA_DOCS.get(Channel.COMMAND_RESULT).at("/properties/outcome/enum")));
        assertEquals(wire(LinkType.values(), LinkType::wire),
                stringSet(SCHEMA_DOCS.get(Channel.TELEMETRY).at("/$defs/network-sample/properties/link/enum")));
        assertTrue(stringSet(SCHEMA_DOCS.get(Channel.COMMAND).at("/properties/type/enum")).contains("run-network-test"));
        assertEquals(wire(CallSignal.Type.values(), CallSignal.Type::wire),
                stringSet(SCHEMA_DOCS.get(Channel.CALL).at("/properties/type/enum")));
        Set<String> policies = stringSet(SCHEMA_DOCS.get(Channel.CALL).at("/properties/iceTransportPolicy/enum"));
        policies.remove("null");
        assertEquals(wire(CallSignal.IceTransportPolicy.values(), CallSignal.IceTransportPolicy::wire), policies);
    }

    private static <E> Set<String> wire(E[] values, java.util.function.Function<E, String> wire) {
        return Arrays.stream(values).map(wire).collect(Collectors.toSet());
    }

    // ---------------------------------------------------------------- valid payloads

    static Stream<Arguments> representativeMessages() {
        return Arrays.stream(Channel.values()).flatMap(c -> Stream.of(
                Arguments.of(c, "full", Samples.full(c)), Arguments.of(c, "minimal", Samples.minimal(c))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("representativeMessages")
    void encodedMessagesConformToTheirChannelsSchema(Channel channel, String kind, ProtocolMessage message) {
        assertInstanceOf(channel.messageType(), message);
        byte[] payload = CODEC.encode(message);
        assertConforms(channel, payload);
        assertEquals(new Decoded.Ok<>(message), CODEC.decode(channel, payload));
        if (kind.equals("full")) {
            // Every property the schema knows is exercised: the full sample sets every optional field.
            ObjectNode tree = TestJson.tree(payload);
            assertEquals(new TreeSet<>(fieldNames(SCHEMA_DOCS.get(channel).path("properties"))),
                    new TreeSet<>(fieldNames(tree)));
        }
    }

    @Test
    void everyEnumValueConforms() {
        for (CommandType type : CommandType.values()) {
            assertConforms(Channel.COMMAND, CODEC.encode(new Command(1, "c", type, Samples.AT, Samples.LATER, null)));
        }
        for (CommandResult.Outcome outcome : CommandResult.Outcome.values()) {
            assertConforms(Channel.COMMAND_RESULT, CODEC.encode(new CommandResult(1, "c", outcome, Samples.AT, null)));
        }
        for (DeviceState.State state : DeviceState.State.values()) {
            assertConforms(Channel.STATE, CODEC.encode(new DeviceState(1, state, Samples.AT, "1", "m")));
        }
        for (CallSignal.IceTransportPolicy policy : CallSignal.IceTransportPolicy.values()) {
            CallSignal ring = CallSignal.ring("c", Samples.AT, "Mette", null, List.of()).withIceTransportPolicy(policy);
            assertConforms(Channel.CALL, CODEC.encode(ring));
            CallSignal decoded = (CallSignal) CODEC.decode(Channel.CALL, CODEC.encode(ring)).orThrow();
            assertEquals(policy, decoded.icePolicyOrDefault());
        }
        for (LinkType link : LinkType.values()) {
            assertConforms(Channel.TELEMETRY, CODEC.encode(TelemetryBatch.of(List.of(
                    new NetworkSample(0, Samples.AT, link, null, null, null, null, null, null)))));
        }
    }

    /** Variants the codec accepts and the schema allows, beyond what the encoder itself writes. */
    static Stream<Arguments> acceptedVariants() {
        return Stream.of(
                variant("instant with offset", Channel.STATE, n -> n.put("at", "2025-03-14T11:26:53+02:00")),
                variant("instant without fraction", Channel.STATE, n -> n.put("at", "2025-03-14T09:26:53Z")),
                variant("unknown top-level field", Channel.STATUS, n -> n.putObject("battery").put("pct", 80)),
                variant("unknown field in a sample", Channel.TELEMETRY,
                        n -> ((ObjectNode) n.get("samples").get(0)).put("bssid", "aa:bb:cc:dd:ee:ff")),
                variant("unknown field in settings", Channel.CONFIG,
                        n -> ((ObjectNode) n.get("settings")).put("volume", 7)),
                variant("explicit nulls for optional fields", Channel.STATUS,
                        n -> n.putNull("cpuTempC").putNull("throttled")),
                variant("explicit null sample figures", Channel.TELEMETRY,
                        n -> ((ObjectNode) n.get("samples").get(0)).putNull("rttMs").putNull("signalDbm")),
                variant("explicit null params", Channel.COMMAND, n -> n.putNull("params")),
                variant("empty params", Channel.COMMAND, n -> n.putObject("params")),
                variant("empty settings", Channel.CONFIG, n -> n.putObject("settings")),
                variant("integral number for a decimal figure", Channel.TELEMETRY,
                        n -> ((ObjectNode) n.get("samples").get(0)).put("rttMs", 23)),
                variant("a skipped throughput test", Channel.TELEMETRY,
                        n -> ((ObjectNode) n.get("samples").get(0)).put("skipped", "budget-spent")),
                variant("a wifi radio", Channel.TELEMETRY,
                        n -> ((ObjectNode) n.get("samples").get(0)).putObject("radio").put("wifiBitrateMbps", 72.2)),
                variant("500 samples", Channel.TELEMETRY, n -> {
                    ArrayNode samples = n.putArray("samples");
                    for (int i = 0; i < TelemetryBatch.MAX_SAMPLES; i++) {
                        samples.add(TestJson.MAPPER.valueToTree(Samples.minimalSample(i)));
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedVariants")
    void codecAndSchemaBothAccept(String name, Channel channel, byte[] payload) {
        Decoded<ProtocolMessage> decoded = CODEC.decode(channel, payload);
        assertTrue(decoded.isOk(), () -> "codec refused " + name + ": " + decoded);
        assertConforms(channel, payload);
    }

    // ---------------------------------------------------------------- invalid payloads

    static Arguments variant(String name, Channel channel, Consumer<ObjectNode> edit) {
        return Arguments.of(name, channel, TestJson.bytes(TestJson.edited(TestJson.tree(Samples.full(channel)), edit)));
    }

    static Arguments invalid(String name, Channel channel, Consumer<ObjectNode> edit, Reason reason, String field) {
        return Arguments.of(name, channel, TestJson.bytes(TestJson.edited(TestJson.tree(Samples.full(channel)), edit)),
                reason, field);
    }

    static Arguments invalid(String name, Channel channel, String path, JsonNode value, Reason reason, String field) {
        return invalid(name, channel, n -> TestJson.set(n, path, value), reason, field);
    }

    static Arguments missing(Channel channel, String path) {
        return invalid("missing " + path, channel, n -> TestJson.remove(n, path), Reason.MISSING_FIELD, path);
    }

    static JsonNode text(int length) {
        return NODES.textNode("x".repeat(length));
    }

    static Stream<Arguments> invalidPayloads() {
        return Stream.of(
                // schema version
                invalid("v 2", Channel.STATE, "v", NODES.numberNode(2), Reason.UNSUPPORTED_VERSION, "v"),
                invalid("v 0", Channel.TELEMETRY, "v", NODES.numberNode(0), Reason.UNSUPPORTED_VERSION, "v"),
                invalid("v as text", Channel.COMMAND, "v", NODES.textNode("1"), Reason.UNSUPPORTED_VERSION, "v"),
                invalid("v null", Channel.CONFIG, "v", NODES.nullNode(), Reason.MISSING_FIELD, "v"),
                missing(Channel.STATUS, "v"),
                // not an object at all
                Arguments.of("JSON array", Channel.STATE, "[{\"v\":1}]".getBytes(), Reason.MALFORMED_JSON, null),
                Arguments.of("JSON string", Channel.STATE, "\"online\"".getBytes(), Reason.MALFORMED_JSON, null),
                // missing required fields
                missing(Channel.STATE, "state"),
                missing(Channel.STATE, "at"),
                missing(Channel.STATUS, "appVersion"),
                missing(Channel.STATUS, "uptimeS"),
                missing(Channel.STATUS, "screen"),
                missing(Channel.TELEMETRY, "samples"),
                missing(Channel.TELEMETRY, "samples[1].seq"),
                missing(Channel.TELEMETRY, "samples[2].link"),
                missing(Channel.COMMAND, "expiresAt"),
                missing(Channel.COMMAND_RESULT, "outcome"),
                missing(Channel.CONFIG, "revision"),
                missing(Channel.CONFIG, "settings"),
                missing(Channel.CONFIG_REPORTED, "applied"),
                invalid("null sample", Channel.TELEMETRY, "samples[2]", NODES.nullNode(), Reason.MISSING_FIELD, "samples[2]"),
                invalid("null at", Channel.COMMAND_RESULT, "at", NODES.nullNode(), Reason.MISSING_FIELD, "at"),
                // out of range
                invalid("lossPct 101", Channel.TELEMETRY, "samples[3].lossPct", NODES.numberNode(101), Reason.OUT_OF_RANGE,
                        "samples[3].lossPct"),
                invalid("negative seq", Channel.TELEMETRY, "samples[0].seq", NODES.numberNode(-1), Reason.OUT_OF_RANGE,
                        "samples[0].seq"),
                invalid("signal above 0 dBm", Channel.TELEMETRY, "samples[1].signalDbm", NODES.numberNode(1),
                        Reason.OUT_OF_RANGE, "samples[1].signalDbm"),
                invalid("rtt over a minute", Channel.TELEMETRY, "samples[0].rttMs", NODES.numberNode(60_000.5),
                        Reason.OUT_OF_RANGE, "samples[0].rttMs"),
                invalid("cpu at 151 C", Channel.STATUS, "cpuTempC", NODES.numberNode(151), Reason.OUT_OF_RANGE, "cpuTempC"),
                invalid("cpu at -41 C", Channel.STATUS, "cpuTempC", NODES.numberNode(-41), Reason.OUT_OF_RANGE, "cpuTempC"),
                invalid("uptime over ten years", Channel.STATUS, "uptimeS", NODES.numberNode(315_360_001L),
                        Reason.OUT_OF_RANGE, "uptimeS"),
                invalid("16 TiB of memory", Channel.STATUS, "memTotalMb", NODES.numberNode((1L << 24) + 1),
                        Reason.OUT_OF_RANGE, "memTotalMb"),
                invalid("negative free disk", Channel.STATUS, "diskFreeMb", NODES.numberNode(-1), Reason.OUT_OF_RANGE,
                        "diskFreeMb"),
                invalid("no samples", Channel.TELEMETRY, n -> n.putArray("samples"), Reason.OUT_OF_RANGE, "samples"),
                invalid("501 samples", Channel.TELEMETRY, n -> {
                    ArrayNode samples = n.putArray("samples");
                    for (int i = 0; i <= TelemetryBatch.MAX_SAMPLES; i++) {
                        samples.add(TestJson.MAPPER.valueToTree(Samples.minimalSample(i)));
                    }
                }, Reason.OUT_OF_RANGE, "samples"),
                invalid("33 params", Channel.COMMAND, n -> {
                    ObjectNode params = n.putObject("params");
                    for (int i = 0; i < 33; i++) {
                        params.put("p" + i, "x");
                    }
                }, Reason.OUT_OF_RANGE, "params"),
                invalid("negative revision", Channel.CONFIG, "revision", NODES.numberNode(-1), Reason.OUT_OF_RANGE, "revision"),
                invalid("status every 9 s", Channel.CONFIG, "settings.statusIntervalS", NODES.numberNode(9),
                        Reason.OUT_OF_RANGE, "settings.statusIntervalS"),
                invalid("telemetry every 3601 s", Channel.CONFIG_REPORTED, "settings.telemetryIntervalS",
                        NODES.numberNode(3601), Reason.OUT_OF_RANGE, "settings.telemetryIntervalS"),
                // bad enum values
                invalid("link carrier-pigeon", Channel.TELEMETRY, "samples[0].link", NODES.textNode("carrier-pigeon"),
                        Reason.INVALID_VALUE, "samples[0].link"),
                invalid("state asleep", Channel.STATE, "state", NODES.textNode("asleep"), Reason.INVALID_VALUE, "state"),
                invalid("state upper case", Channel.STATE, "state", NODES.textNode("ONLINE"), Reason.INVALID_VALUE, "state"),
                // call signals: what each type needs
                invalid("ring without caller", Channel.CALL, n -> n.put("type", "ring").remove("caller"),
                        Reason.MISSING_FIELD, "caller"),
                invalid("answer without sdp", Channel.CALL, n -> n.put("type", "answer").remove("sdp"),
                        Reason.MISSING_FIELD, "sdp"),
                invalid("ice without index", Channel.CALL, n -> n.put("type", "ice").remove("sdpMLineIndex"),
                        Reason.MISSING_FIELD, "sdpMLineIndex"),
                invalid("offer without sdp", Channel.CALL_DEVICE, n -> n.put("type", "offer").remove("sdp"),
                        Reason.MISSING_FIELD, "sdp"),
                invalid("device ice without candidate", Channel.CALL_DEVICE, n -> n.put("type", "ice").remove("candidate"),
                        Reason.MISSING_FIELD, "candidate"),
                invalid("stats without stats", Channel.CALL_DEVICE, n -> n.put("type", "stats").remove("stats"),
                        Reason.MISSING_FIELD, "stats"),
                invalid("ice server http url", Channel.CALL, "iceServers[0].urls[0]", NODES.textNode("http://x.example"),
                        Reason.INVALID_VALUE, "iceServers[0].urls[0]"),
                invalid("ice policy direct", Channel.CALL, "iceTransportPolicy", NODES.textNode("direct"),
                        Reason.INVALID_VALUE, "iceTransportPolicy"),
                invalid("call signal dial", Channel.CALL_DEVICE, "type", NODES.textNode("dial"), Reason.INVALID_VALUE, "type"),
                invalid("command self-destruct", Channel.COMMAND, "type", NODES.textNode("self-destruct"),
                        Reason.INVALID_VALUE, "type"),
                invalid("command type as enum name", Channel.COMMAND, "type", NODES.textNode("RUN_NETWORK_TEST"),
                        Reason.INVALID_VALUE, "type"),
                invalid("outcome maybe", Channel.COMMAND_RESULT, "outcome", NODES.textNode("maybe"), Reason.INVALID_VALUE,
                        "outcome"),
                invalid("language de", Channel.CONFIG, "settings.language", NODES.textNode("de"), Reason.INVALID_VALUE,
                        "settings.language"),
                // bad instants
                invalid("at yesterday", Channel.STATE, "at", NODES.textNode("yesterday"), Reason.INVALID_VALUE, "at"),
                invalid("instant without offset", Channel.COMMAND, "issuedAt", NODES.textNode("2025-03-14T09:26:53"),
                        Reason.INVALID_VALUE, "issuedAt"),
                // over-long (and too short) text
                invalid("model 65 chars", Channel.STATE, "model", text(65), Reason.OUT_OF_RANGE, "model"),
                invalid("appVersion 65 chars", Channel.STATUS, "appVersion", text(65), Reason.OUT_OF_RANGE, "appVersion"),
                invalid("empty appVersion", Channel.STATUS, "appVersion", text(0), Reason.OUT_OF_RANGE, "appVersion"),
                invalid("command id 65 chars", Channel.COMMAND, "id", text(65), Reason.OUT_OF_RANGE, "id"),
                invalid("empty command id", Channel.COMMAND_RESULT, "id", text(0), Reason.OUT_OF_RANGE, "id"),
                invalid("detail 2001 chars", Channel.COMMAND_RESULT, "detail", text(2001), Reason.OUT_OF_RANGE, "detail"),
                invalid("error 2001 chars", Channel.CONFIG_REPORTED, "error", text(2001), Reason.OUT_OF_RANGE, "error"),
                // wrong JSON types the codec cannot read at all
                invalid("samples an object", Channel.TELEMETRY, n -> n.putObject("samples"), Reason.INVALID_VALUE, "samples"),
                invalid("settings a string", Channel.CONFIG, "settings", NODES.textNode("x"), Reason.INVALID_VALUE, "settings"),
                invalid("applied yes", Channel.CONFIG_REPORTED, "applied", NODES.textNode("yes"), Reason.INVALID_VALUE,
                        "applied"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPayloads")
    void codecAndSchemaBothReject(String name, Channel channel, byte[] payload, Reason reason, String field)
            throws IOException {
        Decoded<ProtocolMessage> decoded = CODEC.decode(channel, payload);
        DecodeError error = assertInstanceOf(Decoded.Failed.class, decoded, () -> "codec accepted " + name).error();
        assertEquals(reason, error.reason(), error::message);
        assertEquals(field, error.field(), error::message);
        assertFalse(validate(channel, TestJson.MAPPER.readTree(payload)).isEmpty(),
                () -> "schema " + SCHEMA_REFS.get(channel) + " accepted " + name);
    }

    /**
     * The codec (Jackson's default coercions) accepts wrongly typed scalars that the schema refuses,
     * and silently changes them: a {@code seq} of 1.7 is stored as 1.
     */
    static Stream<Arguments> wronglyTypedScalars() {
        return Stream.of(
                invalid("fractional seq", Channel.TELEMETRY, "samples[0].seq", NODES.numberNode(1.7), Reason.INVALID_VALUE,
                        "samples[0].seq"),
                invalid("seq as text", Channel.TELEMETRY, "samples[0].seq", NODES.textNode("17"), Reason.INVALID_VALUE,
                        "samples[0].seq"),
                invalid("fractional interval", Channel.CONFIG, "settings.statusIntervalS", NODES.numberNode(10.9),
                        Reason.INVALID_VALUE, "settings.statusIntervalS"),
                invalid("camera as text", Channel.STATUS, "camera", NODES.textNode("true"), Reason.INVALID_VALUE, "camera"),
                invalid("applied as number", Channel.CONFIG_REPORTED, "applied", NODES.numberNode(1), Reason.INVALID_VALUE,
                        "applied"),
                invalid("command id as number", Channel.COMMAND, "id", NODES.numberNode(5), Reason.INVALID_VALUE, "id"),
                invalid("param as number", Channel.COMMAND, "params.target", NODES.numberNode(5), Reason.INVALID_VALUE,
                        "params.target"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wronglyTypedScalars")
    void wronglyTypedScalarsAreRejectedLikeTheSchemaDoes(String name, Channel channel, byte[] payload, Reason reason,
                                                        String field) throws IOException {
        codecAndSchemaBothReject(name, channel, payload, reason, field);
    }

    // ---------------------------------------------------------------- schema-driven agreement

    /**
     * Walks every property of every schema and probes each rule it states (required, nullable,
     * minimum/maximum, min/maxLength, min/maxItems, maxProperties, enum, const, date-time) against
     * the codec: on each probe both must accept, or both must refuse with the codec naming the field.
     */
    @TestFactory
    Stream<DynamicTest> schemaAndCodecAgreeOnEveryRule() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            JsonNode doc = SCHEMA_DOCS.get(channel);
            ObjectNode full = TestJson.tree(Samples.full(channel));
            probeObject(tests, channel, doc, doc, "", full);
        }
        assertTrue(tests.size() > 150, "only " + tests.size() + " probes");
        return tests.stream();
    }

    private void probeObject(List<DynamicTest> tests, Channel channel, JsonNode doc, JsonNode schema, String prefix,
                             ObjectNode full) {
        Set<String> required = stringSet(schema.path("required"));
        schema.path("properties").fields().forEachRemaining(e -> {
            String name = e.getKey();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode property = resolve(doc, e.getValue());
            Set<String> types = types(property);
            JsonNode present = TestJson.get(full, path);
            String label = channel.suffix() + " " + path + ": ";
            boolean isRequired = required.contains(name);

            tests.add(probe(label + (isRequired ? "required" : "optional"), channel, full,
                    n -> TestJson.remove(n, path), !isRequired, Set.of(Reason.MISSING_FIELD), path));
            boolean nullable = types.contains("null");
            tests.add(probe(label + (nullable ? "nullable" : "not nullable"), channel, full,
                    n -> TestJson.set(n, path, NODES.nullNode()), nullable,
                    Set.of(Reason.MISSING_FIELD, Reason.INVALID_VALUE), path));

            if (property.has("const")) {
                JsonNode c = property.get("const");
                tests.add(probe(label + "const " + c, channel, full, n -> TestJson.set(n, path, c), true, null, path));
                tests.add(probe(label + "not const", channel, full,
                        n -> TestJson.set(n, path, NODES.numberNode(c.asInt() + 1)), false,
                        Set.of(Reason.UNSUPPORTED_VERSION), path));
            }
            boolean integer = types.contains("integer");
            BigDecimal step = integer ? BigDecimal.ONE : new BigDecimal("0.001");
            if (property.has("minimum")) {
                BigDecimal min = property.get("minimum").decimalValue();
                tests.add(probe(label + "minimum " + min, channel, full, n -> TestJson.set(n, path, number(min, integer)),
                        true, null, path));
                tests.add(probe(label + "below minimum", channel, full,
                        n -> TestJson.set(n, path, number(min.subtract(step), integer)), false,
                        Set.of(Reason.OUT_OF_RANGE), path));
            }
            if (property.has("maximum")) {
                BigDecimal max = property.get("maximum").decimalValue();
                BigDecimal above = max.add(step);
                boolean representable = above.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
                tests.add(probe(label + "maximum " + max, channel, full, n -> TestJson.set(n, path, number(max, integer)),
                        true, null, path));
                // Beyond a Java long the number cannot even be read: refused, but not as a range.
                tests.add(probe(label + "above maximum", channel, full,
                        n -> TestJson.set(n, path, number(above, integer)), false,
                        representable ? Set.of(Reason.OUT_OF_RANGE) : Set.of(Reason.values()),
                        representable ? path : null));
            }
            if (property.has("maxLength")) {
                int max = property.get("maxLength").asInt();
                tests.add(probe(label + "length " + max, channel, full, n -> TestJson.set(n, path, text(max)), true, null,
                        path));
                tests.add(probe(label + "length " + (max + 1), channel, full, n -> TestJson.set(n, path, text(max + 1)),
                        false, Set.of(Reason.OUT_OF_RANGE), path));
            }
            if (property.has("minLength")) {
                int min = property.get("minLength").asInt();
                tests.add(probe(label + "length " + min, channel, full, n -> TestJson.set(n, path, text(min)), true, null,
                        path));
                if (min > 0) {
                    tests.add(probe(label + "length " + (min - 1), channel, full,
                            n -> TestJson.set(n, path, text(min - 1)), false, Set.of(Reason.OUT_OF_RANGE), path));
                }
            }
            if (property.has("enum")) {
                for (JsonNode value : property.get("enum")) {
                    tests.add(probe(label + "enum " + value, channel, full, n -> TestJson.set(n, path, value), true, null,
                            path));
                    if (value.isTextual() && !value.asText().toUpperCase(Locale.ROOT).equals(value.asText())) {
                        JsonNode upper = NODES.textNode(value.asText().toUpperCase(Locale.ROOT));
                        tests.add(probe(label + "enum " + upper, channel, full, n -> TestJson.set(n, path, upper), false,
                                Set.of(Reason.INVALID_VALUE), path));
                    }
                }
                tests.add(probe(label + "not in enum", channel, full,
                        n -> TestJson.set(n, path, NODES.textNode("no-such-value")), false,
                        Set.of(Reason.INVALID_VALUE), path));
            }
            if ("date-time".equals(property.path("format").asText())) {
                tests.add(probe(label + "date-time with offset", channel, full,
                        n -> TestJson.set(n, path, NODES.textNode("2025-03-14T11:26:53.5+02:00")), true, null, path));
                tests.add(probe(label + "not a date-time", channel, full,
                        n -> TestJson.set(n, path, NODES.textNode("14/03/2025 09:26")), false,
                        Set.of(Reason.INVALID_VALUE), path));
            }
            if (property.has("maxProperties")) {
                int max = property.get("maxProperties").asInt();
                tests.add(probe(label + max + " properties", channel, full, n -> TestJson.set(n, path, entries(max)),
                        true, null, path));
                tests.add(probe(label + (max + 1) + " properties", channel, full,
                        n -> TestJson.set(n, path, entries(max + 1)), false, Set.of(Reason.OUT_OF_RANGE), path));
            }
            if (types.contains("array")) {
                JsonNode smallest = smallestElement((ArrayNode) present);
                if (property.has("minItems")) {
                    int min = property.get("minItems").asInt();
                    tests.add(probe(label + min + " items", channel, full, n -> TestJson.set(n, path, items(smallest, min)),
                            true, null, path));
                    if (min > 0) {
                        tests.add(probe(label + (min - 1) + " items", channel, full,
                                n -> TestJson.set(n, path, items(smallest, min - 1)), false,
                                Set.of(Reason.OUT_OF_RANGE), path));
                    }
                }
                if (property.has("maxItems")) {
                    int max = property.get("maxItems").asInt();
                    tests.add(probe(label + max + " items", channel, full, n -> TestJson.set(n, path, items(smallest, max)),
                            true, null, path));
                    tests.add(probe(label + (max + 1) + " items", channel, full,
                            n -> TestJson.set(n, path, items(smallest, max + 1)), false,
                            Set.of(Reason.OUT_OF_RANGE), path));
                }
                JsonNode items = resolve(doc, property.path("items"));
                if (items.has("properties")) {
                    probeObject(tests, channel, doc, items, path + "[0]", full);
                }
            } else if (types.contains("object") && property.has("properties")) {
                probeObject(tests, channel, doc, property, path, full);
            }
        });
    }

    private static DynamicTest probe(String name, Channel channel, ObjectNode full, Consumer<ObjectNode> edit,
                                     boolean accepted, Set<Reason> reasons, String field) {
        return DynamicTest.dynamicTest(name, () -> {
            ObjectNode instance = TestJson.edited(full, edit);
            Decoded<ProtocolMessage> decoded = CODEC.decode(channel, TestJson.bytes(instance));
            Set<String> schemaErrors = validate(channel, instance);
            if (accepted) {
                assertTrue(decoded.isOk(), () -> "codec refused: " + decoded);
                assertTrue(schemaErrors.isEmpty(), () -> "schema refused: " + schemaErrors);
            } else {
                DecodeError error = assertInstanceOf(Decoded.Failed.class, decoded, "codec accepted").error();
                assertTrue(reasons.contains(error.reason()), () -> "expected " + reasons + ", got " + error.message());
                if (field != null) {
                    assertEquals(field, error.field(), error::message);
                }
                assertFalse(schemaErrors.isEmpty(), "schema accepted");
            }
        });
    }

    private static JsonNode number(BigDecimal value, boolean integer) {
        return integer ? NODES.numberNode(value.toBigIntegerExact()) : NODES.numberNode(value);
    }

    private static ObjectNode entries(int count) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < count; i++) {
            node.put("p" + i, "x");
        }
        return node;
    }

    private static ArrayNode items(JsonNode element, int count) {
        ArrayNode node = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            node.add(element.deepCopy());
        }
        return node;
    }

    private static JsonNode smallestElement(ArrayNode array) {
        JsonNode smallest = null;
        for (JsonNode e : array) {
            if (smallest == null || e.toString().length() < smallest.toString().length()) {
                smallest = e;
            }
        }
        assertNotNull(smallest, "the full sample needs an element to copy");
        return smallest;
    }

    /**
     * Whatever the codec accepts, even after random damage to a valid payload, it re-encodes as a
     * payload the schema accepts: the codec's rules are at least as strict as the schema's.
     */
    @Test
    void acceptedDamagedPayloadsReencodeToConformingPayloads() {
        Random random = new Random(20250314L);
        byte[] alphabet = "0123456789-.eE+\" ,:{}[]nulltruefalseXYZ".getBytes();
        int accepted = 0;
        for (Channel channel : Channel.values()) {
            for (ProtocolMessage message : List.of(Samples.full(channel), Samples.minimal(channel))) {
                byte[] valid = CODEC.encode(message);
                for (int i = 0; i < 150; i++) {
                    byte[] damaged = valid.clone();
                    for (int k = 1 + random.nextInt(3); k > 0; k--) {
                        damaged[random.nextInt(damaged.length)] = alphabet[random.nextInt(alphabet.length)];
                    }
                    Decoded<ProtocolMessage> decoded = CODEC.decode(channel, damaged);
                    if (decoded instanceof Decoded.Ok<ProtocolMessage> ok) {
                        accepted++;
                        assertConforms(channel, CODEC.encode(ok.message()));
                    }
                }
            }
        }
        assertTrue(accepted > 50, "too few damaged payloads were still valid (" + accepted + ") to prove anything");
    }

    // ---------------------------------------------------------------- helpers

    /** Follows a local {@code $ref} ({@code #/$defs/...}) within one schema document. */
    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                fail("only local $refs are expected in the schemas, found " + ref);
            }
            JsonNode target = doc.at(ref.substring(1));
            assertFalse(target.isMissingNode(), "dangling $ref " + ref);
            return target;
        }
        return schema;
    }

    static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        Set<String> types = new HashSet<>();
        if (type.isTextual()) {
            types.add(type.asText());
        } else {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Set<String> stringSet(JsonNode array) {
        Set<String> set = new HashSet<>();
        array.forEach(n -> set.add(n.asText()));
        return set;
    }
}
