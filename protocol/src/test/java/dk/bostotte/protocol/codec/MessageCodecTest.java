package dk.bostotte.protocol.codec;

import static dk.bostotte.protocol.TestJson.NODES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.Samples;
import dk.bostotte.protocol.TestJson;
import dk.bostotte.protocol.codec.DecodeError.Reason;
import dk.bostotte.protocol.message.Command;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.CommandType;
import dk.bostotte.protocol.message.DeviceStatus;
import dk.bostotte.protocol.message.ProtocolMessage;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private DecodeError failure(Channel channel, byte[] payload) {
        Decoded<ProtocolMessage> decoded = codec.decode(channel, payload);
        return assertInstanceOf(Decoded.Failed.class, decoded, () -> "accepted: " + decoded).error();
    }

    private void assertFailure(Channel channel, byte[] payload, Reason reason, String field) {
        DecodeError error = failure(channel, payload);
        assertEquals(reason, error.reason(), error::message);
        assertEquals(field, error.field(), error::message);
        assertNotNull(error.detail());
    }

    /** The full sample of {@code channel}, edited. */
    private static byte[] edited(Channel channel, Consumer<ObjectNode> edit) {
        return TestJson.bytes(TestJson.edited(TestJson.tree(Samples.full(channel)), edit));
    }

    // ---------------------------------------------------------------- round trips and wire format

    static Stream<Arguments> messages() {
        return Arrays.stream(Channel.values()).flatMap(c -> Stream.of(
                Arguments.of(c, "full", Samples.full(c)), Arguments.of(c, "minimal", Samples.minimal(c))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("messages")
    void roundTrip(Channel channel, String kind, ProtocolMessage message) {
        byte[] payload = codec.encode(message);
        assertEquals(new Decoded.Ok<>(message), codec.decode(channel, payload));
        assertEquals(new Decoded.Ok<>(message), codec.decode(channel.messageType(), payload));
        assertEquals(new String(payload, StandardCharsets.UTF_8),
                new String(codec.encode(codec.decode(channel, payload).orThrow()), StandardCharsets.UTF_8));
        assertTrue(payload.length < MessageCodec.MAX_PAYLOAD_BYTES);
    }

    @Test
    void wireFormat() {
        String command = new String(codec.encode(Samples.full(Channel.COMMAND)), StandardCharsets.UTF_8);
        assertTrue(command.startsWith("{\"v\":1,"), command);
        assertTrue(command.contains("\"type\":\"run-network-test\""), command);
        assertTrue(command.contains("\"issuedAt\":\"2025-03-14T09:26:53.589793238Z\""), command);
        assertTrue(command.contains("\"expiresAt\":\"2025-03-14T10:26:53Z\""), command);
        String minimal = new String(codec.encode(Samples.minimal(Channel.COMMAND_RESULT)), StandardCharsets.UTF_8);
        assertEquals("{\"v\":1,\"id\":\"c\",\"outcome\":\"received\",\"at\":\"2025-03-14T09:26:53.589793238Z\"}", minimal);
        assertTrue(new String(codec.encode(Samples.full(Channel.STATE)), StandardCharsets.UTF_8).contains("\"state\":\"online\""));
        assertTrue(new String(codec.encode(Samples.full(Channel.TELEMETRY)), StandardCharsets.UTF_8).contains("\"link\":\"cellular\""));
        for (Channel channel : Channel.values()) {
            assertFalse(new String(codec.encode(Samples.minimal(channel)), StandardCharsets.UTF_8).contains("null"),
                    "nulls are omitted on " + channel);
        }
        for (CommandType type : CommandType.values()) {
            String wire = type.name().toLowerCase().replace('_', '-');
            assertEquals(wire, type.wire());
            assertEquals(type, CommandType.fromWire(wire));
        }
    }

    @Test
    void decodeByChannelUsesTheChannelsMessageType() {
        for (Channel channel : Channel.values()) {
            ProtocolMessage decoded = codec.decode(channel, codec.encode(Samples.full(channel))).orThrow();
            assertEquals(channel.messageType(), decoded.getClass());
        }
        // A status sent to the telemetry channel is not a telemetry batch.
        assertFailure(Channel.TELEMETRY, codec.encode(Samples.full(Channel.STATUS)), Reason.MISSING_FIELD, "samples");
    }

    // ---------------------------------------------------------------- not a JSON object

    @Test
    void emptyOrAbsentPayloadIsMalformed() {
        assertFailure(Channel.STATE, new byte[0], Reason.MALFORMED_JSON, null);
        assertFailure(Channel.STATE, null, Reason.MALFORMED_JSON, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "{", "}", "{\"v\":1", "{\"v\":1,}", "{v:1}", "{'v':1}", "[]", "[{\"v\":1}]",
            "\"text\"", "42", "null", "true", "   ", "\n", "NaN", "{\"v\":1,\"state\":\"online\",\"at\":\"2025-03-14T09:26:53Z\"",
            "{\"v\":1 \"state\":\"online\"}", "\u0000", "\uFEFF"})
    void notAJsonObjectIsMalformed(String payload) {
        assertFailure(Channel.STATE, utf8(payload), Reason.MALFORMED_JSON, null);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] payload = utf8("{\"v\":1,\"state\":\"online\",\"at\":\"2025-03-14T09:26:53Z\",\"model\":\"xx\"}");
        int i = new String(payload, StandardCharsets.UTF_8).indexOf("xx");
        payload[i] = (byte) 0xC3;
        payload[i + 1] = (byte) 0x28;
        assertFailure(Channel.STATE, payload, Reason.MALFORMED_JSON, null);
    }

    @Test
    void payloadsOverTheLimitAreTooLargeAndTheLimitItselfIsAccepted() {
        byte[] valid = codec.encode(Samples.full(Channel.STATE));
        byte[] atLimit = padded(valid, MessageCodec.MAX_PAYLOAD_BYTES);
        assertEquals(64 * 1024, atLimit.length);
        assertEquals(new Decoded.Ok<>(Samples.full(Channel.STATE)), codec.decode(Channel.STATE, atLimit));
        assertFailure(Channel.STATE, padded(valid, MessageCodec.MAX_PAYLOAD_BYTES + 1), Reason.TOO_LARGE, null);
        // Not parsed at all: a megabyte of garbage is refused for its size.
        byte[] garbage = new byte[1 << 20];
        Arrays.fill(garbage, (byte) '[');
        assertFailure(Channel.TELEMETRY, garbage, Reason.TOO_LARGE, null);
    }

    /** {@code valid} with spaces inserted before its closing brace, to exactly {@code length} bytes. */
    private static byte[] padded(byte[] valid, int length) {
        byte[] out = new byte[length];
        System.arraycopy(valid, 0, out, 0, valid.length - 1);
        Arrays.fill(out, valid.length - 1, length - 1, (byte) ' ');
        out[length - 1] = '}';
        return out;
    }

    // ---------------------------------------------------------------- schema version

    @Test
    void missingVersionIsAMissingField() {
        assertFailure(Channel.STATE, edited(Channel.STATE, n -> n.remove("v")), Reason.MISSING_FIELD, "v");
        assertFailure(Channel.STATE, edited(Channel.STATE, n -> n.putNull("v")), Reason.MISSING_FIELD, "v");
        assertFailure(Channel.TELEMETRY, utf8("{}"), Reason.MISSING_FIELD, "v");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "-1", "\"1\"", "1.0", "1.5", "true", "{}", "[1]", "4294967297"})
    void anyVersionButOneIsUnsupported(String v) {
        // The version is judged before anything else: a v2 payload may look entirely different.
        assertFailure(Channel.TELEMETRY, utf8("{\"v\":" + v + ",\"whatever\":[]}"), Reason.UNSUPPORTED_VERSION, "v");
        assertFailure(Channel.STATE, utf8(new String(codec.encode(Samples.full(Channel.STATE)), StandardCharsets.UTF_8)
                .replace("\"v\":1", "\"v\":" + v)), Reason.UNSUPPORTED_VERSION, "v");
    }

    // ---------------------------------------------------------------- fields

    @Test
    void missingRequiredPrimitiveIsAMissingFieldNamingIt() {
        assertFailure(Channel.TELEMETRY, edited(Channel.TELEMETRY, n -> TestJson.remove(n, "samples[0].seq")),
                Reason.MISSING_FIELD, "samples[0].seq");
        assertFailure(Channel.STATUS, edited(Channel.STATUS, n -> n.remove("uptimeS")), Reason.MISSING_FIELD, "uptimeS");
        assertFailure(Channel.STATUS, edited(Channel.STATUS, n -> n.remove("microphone")), Reason.MISSING_FIELD,
                "microphone");
        assertFailure(Channel.CONFIG, edited(Channel.CONFIG, n -> n.remove("revision")), Reason.MISSING_FIELD, "revision");
        assertFailure(Channel.CONFIG_REPORTED, edited(Channel.CONFIG_REPORTED, n -> n.remove("applied")),
                Reason.MISSING_FIELD, "applied");
    }

    @Test
    void missingRequiredObjectIsAMissingFieldNamingIt() {
        assertFailure(Channel.STATE, edited(Channel.STATE, n -> n.remove("at")), Reason.MISSING_FIELD, "at");
        assertFailure(Channel.STATUS, edited(Channel.STATUS, n -> n.remove("appVersion")), Reason.MISSING_FIELD,
                "appVersion");
        assertFailure(Channel.COMMAND, edited(Channel.COMMAND, n -> n.putNull("type")), Reason.MISSING_FIELD, "type");
        assertFailure(Channel.TELEMETRY, edited(Channel.TELEMETRY, n -> TestJson.remove(n, "samples[2].at")),
                Reason.MISSING_FIELD, "samples[2].at");
        assertFailure(Channel.TELEMETRY, edited(Channel.TELEMETRY, n -> TestJson.set(n, "samples[1]", NODES.nullNode())),
                Reason.MISSING_FIELD, "samples[1]");
        assertFailure(Channel.CONFIG, edited(Channel.CONFIG, n -> n.remove("settings")), Reason.MISSING_FIELD, "settings");
    }

    @Test
    void nullForARequiredPrimitiveIsRefusedNamingTheField() {
        // An explicit null for a primitive is a wrongly typed value (Jackson's FAIL_ON_NULL_FOR_PRIMITIVES),
        // not an absent one: INVALID_VALUE, where an absent primitive is MISSING_FIELD.
        assertFailure(Channel.STATUS, edited(Channel.STATUS, n -> n.putNull("uptimeS")), Reason.INVALID_VALUE, "uptimeS");
        assertFailure(Channel.STATUS, edited(Channel.STATUS, n -> n.putNull("camera")), Reason.INVALID_VALUE, "camera");
        assertFailure(Channel.TELEMETRY, edited(Channel.TELEMETRY, n -> TestJson.set(n, "samples[3].seq", NODES.nullNode())),
                Reason.INVALID_VALUE, "samples[3].seq");
        assertFailure(Channel.CONFIG, edited(Channel.CONFIG, n -> n.putNull("revision")), Reason.INVALID_VALUE, "revision");
    }

    @Test
    void nullForAnOptionalFieldMeansAbsent() {
        byte[] payload = edited(Channel.STATUS, n -> n.putNull("cpuTempC").putNull("throttled"));
        DeviceStatus status = (DeviceStatus) codec.decode(Channel.STATUS, payload).orThrow();
        assertNull(status.cpuTempC());
        assertNull(status.throttled());
    }

    @Test
    void unknownEnumValueIsInvalidNamingTheField() {
        assertFailure(Channel.TELEMETRY,
                edited(Channel.TELEMETRY, n -> TestJson.set(n, "samples[0].link", NODES.textNode("carrier-pigeon"))),
                Reason.INVALID_VALUE, "samples[0].link");
        assertFailure(Channel.COMMAND, edited(Channel.COMMAND, n -> n.put("type", "self-destruct")), Reason.INVALID_VALUE,
                "type");
        assertFailure(Channel.COMMAND, edited(Channel.COMMAND, n -> n.put("type", "run_network_test")),
                Reason.INVALID_VALUE, "type");
        assertFailure(Channel.COMMAND_RESULT, edited(Channel.COMMAND_RESULT, n -> n.put("outcome", "Done")),
                Reason.INVALID_VALUE, "outcome");
        assertFailure(Channel.CONFIG, edited(Channel.CONFIG, n -> TestJson.set(n, "settings.language", NODES.textNode("sv"))),
                Reason.INVALID_VALUE, "settings.language");
        assertFailure(Channel.STATE, edited(Channel.STATE, n -> n.put("at", "last tuesday")), Reason.INVALID_VALUE, "at");
    }

    @Test
    void outOfRangeNestedValueNamesItsPath() {
        DecodeError error = failure(Channel.TELEMETRY,
                edited(Channel.TELEMETRY, n -> TestJson.set(n, "samples[3].lossPct", NODES.numberNode(101))));
        assertEquals(Reason.OUT_OF_RANGE, error.reason());
        assertEquals("samples[3].lossPct", error.field());
        assertEquals("101.0 is outside [0, 100]", error.detail());
        assertEquals("out_of_range at 'samples[3].lossPct': 101.0 is outside [0, 100]", error.message());
        assertFailure(Channel.CONFIG_REPORTED,
                edited(Channel.CONFIG_REPORTED, n -> TestJson.set(n, "settings.statusIntervalS", NODES.numberNode(3601))),
                Reason.OUT_OF_RANGE, "settings.statusIntervalS");
        assertFailure(Channel.TELEMETRY, edited(Channel.TELEMETRY, n -> n.putArray("samples")), Reason.OUT_OF_RANGE,
                "samples");
    }

    @Test
    void theFirstBrokenRuleIsReported() {
        assertFailure(Channel.COMMAND_RESULT, edited(Channel.COMMAND_RESULT,
                n -> n.put("id", "x".repeat(65)).put("detail", "x".repeat(2001))), Reason.OUT_OF_RANGE, "id");
        assertFailure(Channel.TELEMETRY, edited(Channel.TELEMETRY, n -> {
            TestJson.set(n, "samples[3].lossPct", NODES.numberNode(-1));
            TestJson.set(n, "samples[1].rttMs", NODES.numberNode(-1));
        }), Reason.OUT_OF_RANGE, "samples[1].rttMs");
    }

    @Test
    void unknownFieldsAreIgnoredAtEveryLevel() {
        for (Channel channel : Channel.values()) {
            byte[] payload = edited(channel, n -> {
                n.put("addedInV1dot1", "x");
                n.putObject("future").putArray("list").add(1).add("two");
                if (n.get("samples") instanceof ArrayNode samples) {
                    ((ObjectNode) samples.get(0)).put("bssid", "aa:bb:cc:dd:ee:ff");
                }
                if (n.get("settings") instanceof ObjectNode settings) {
                    settings.put("volume", 7);
                }
            });
            assertEquals(new Decoded.Ok<>(Samples.full(channel)), codec.decode(channel, payload), channel.toString());
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedNotThrown() {
        // The root object is level 1, so 31 nested arrays reach the limit of 32 and 32 exceed it.
        assertTrue(codec.decode(Channel.STATE, nested(31)).isOk());
        assertFailure(Channel.STATE, nested(32), Reason.MALFORMED_JSON, null);
        assertFailure(Channel.STATE, nested(33), Reason.MALFORMED_JSON, null);
        assertFailure(Channel.STATE, nested(40_000), Reason.TOO_LARGE, null);
        assertFailure(Channel.STATE, nested(16_000), Reason.MALFORMED_JSON, null);
        StringBuilder objects = new StringBuilder("{\"v\":1,\"x\":");
        objects.append("{\"a\":".repeat(5000)).append("1").append("}".repeat(5000)).append('}');
        assertFailure(Channel.STATE, utf8(objects.toString()), Reason.MALFORMED_JSON, null);
    }

    /** A valid state payload with an unknown field holding {@code depth} nested arrays. */
    private byte[] nested(int depth) {
        String valid = new String(codec.encode(Samples.full(Channel.STATE)), StandardCharsets.UTF_8);
        return utf8(valid.substring(0, valid.length() - 1) + ",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
    }

    @Test
    void decodeNeverThrows() {
        Random random = new Random(0xB0575E7L);
        List<byte[]> valid = new ArrayList<>();
        List<Channel> validChannel = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            valid.add(codec.encode(Samples.full(channel)));
            valid.add(codec.encode(Samples.minimal(channel)));
            validChannel.add(channel);
            validChannel.add(channel);
        }
        String[] tokens = {"{", "}", "[", "]", ",", ":", "\"v\"", "1", "2", "-1", "1e999", "-0", "0.5", "null", "true",
            "\"samples\"", "\"seq\"", "\"at\"", "\"link\"", "\"wifi\"", "\"2025-03-14T09:26:53Z\"", "\"x\"", " ",
            "\"\\u0000\"", "\"\\ud800\"", "\"é\"", "9223372036854775808", "\"settings\"", "\"type\"", "\"reboot\""};
        Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
        int ok = 0;
        for (int i = 0; i < 2000; i++) {
            int baseIndex = random.nextInt(valid.size());
            byte[] base = valid.get(baseIndex);
            int kind = i % 5;
            byte[] input = switch (kind) {
                case 0 -> {
                    byte[] b = new byte[random.nextInt(400)];
                    random.nextBytes(b);
                    yield b;
                }
                case 1 -> Arrays.copyOf(base, random.nextInt(base.length));
                case 2 -> {
                    byte[] b = base.clone();
                    for (int k = 1 + random.nextInt(4); k > 0; k--) {
                        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    }
                    yield b;
                }
                case 3 -> {
                    StringBuilder s = new StringBuilder(random.nextBoolean() ? "{\"v\":1," : "");
                    for (int k = random.nextInt(60); k > 0; k--) {
                        s.append(tokens[random.nextInt(tokens.length)]);
                    }
                    yield utf8(s.toString());
                }
                default -> {
                    byte[] other = valid.get(random.nextInt(valid.size()));
                    int cut = random.nextInt(base.length);
                    int from = random.nextInt(other.length);
                    byte[] b = Arrays.copyOf(base, cut + other.length - from);
                    System.arraycopy(other, from, b, cut, other.length - from);
                    yield b;
                }
            };
            // Mutations of a valid payload are read on its own channel half of the time, so they reach
            // the field rules and not only "missing field" of an unrelated message.
            Channel own = validChannel.get(baseIndex);
            for (Channel channel : List.of(random.nextBoolean() ? own : Channel.values()[random.nextInt(Channel.values().length)])) {
                Decoded<ProtocolMessage> decoded;
                try {
                    decoded = codec.decode(channel, input);
                } catch (Throwable t) {
                    throw new AssertionError("decode threw on input #" + i + ": " + Arrays.toString(input), t);
                }
                assertNotNull(decoded);
                if (decoded instanceof Decoded.Failed<ProtocolMessage> failed) {
                    assertNotNull(failed.error().reason());
                    assertNotNull(failed.error().message());
                    reasons.merge(failed.error().reason(), 1, Integer::sum);
                    if (kind == 1) {
                        assertEquals(Reason.MALFORMED_JSON, failed.error().reason(), "a truncated payload");
                    }
                } else {
                    ok++;
                    ProtocolMessage message = decoded.orThrow();
                    assertEquals(channel.messageType(), message.getClass());
                    Checks checks = new Checks();
                    message.check(checks);
                    assertTrue(checks.firstError().isEmpty(), "an accepted message breaks its own rules");
                    if (kind == 1) {
                        fail("a truncated payload was accepted: " + new String(input, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertTrue(reasons.getOrDefault(Reason.MALFORMED_JSON, 0) > 500, reasons::toString);
        assertTrue(reasons.size() >= 4, "the inputs should reach several reasons: " + reasons);
        assertTrue(ok < 2000, "ok " + ok);
    }

    @ParameterizedTest
    @ValueSource(strings = {" x", "{", "}", "{\"v\":2}", ",", "]", "null"})
    void trailingDataAfterTheObjectIsMalformed(String trailing) {
        byte[] valid = codec.encode(Samples.full(Channel.STATE));
        assertFailure(Channel.STATE, utf8(new String(valid, StandardCharsets.UTF_8) + trailing), Reason.MALFORMED_JSON,
                null);
    }

    @Test
    void trailingWhitespaceIsFine() {
        byte[] valid = codec.encode(Samples.full(Channel.STATE));
        assertTrue(codec.decode(Channel.STATE, utf8(" \n" + new String(valid, StandardCharsets.UTF_8) + "\r\n\t ")).isOk());
    }

    // ---------------------------------------------------------------- Decoded and DecodeError

    @Test
    void decodedFoldsAndOnlyAFailureThrowsOnOrThrow() {
        Decoded<ProtocolMessage> ok = codec.decode(Channel.STATE, codec.encode(Samples.full(Channel.STATE)));
        Decoded<ProtocolMessage> failed = codec.decode(Channel.STATE, utf8("{\"v\":2}"));
        assertEquals("ok", ok.fold(m -> "ok", e -> e.reason().label()));
        assertEquals("unsupported_version", failed.fold(m -> "ok", e -> e.reason().label()));
        IllegalStateException e = assertThrows(IllegalStateException.class, failed::orThrow);
        assertTrue(e.getMessage().startsWith("unsupported_version at 'v': "), e.getMessage());
        assertEquals("malformed_json: empty payload", new DecodeError(Reason.MALFORMED_JSON, null, "empty payload").message());
    }

    @Test
    void commandParamsAreLimitedTo32() {
        Command base = (Command) Samples.full(Channel.COMMAND);
        Map<String, String> params = new java.util.HashMap<>();
        for (int i = 0; i < 32; i++) {
            params.put("p" + i, "v");
        }
        Command atLimit = new Command(1, base.id(), base.type(), base.issuedAt(), base.expiresAt(), params);
        assertEquals(new Decoded.Ok<>(atLimit), codec.decode(Channel.COMMAND, codec.encode(atLimit)));
        params.put("p32", "v");
        Command over = new Command(1, base.id(), base.type(), base.issuedAt(), base.expiresAt(), params);
        assertFailure(Channel.COMMAND, codec.encode(over), Reason.OUT_OF_RANGE, "params");
    }

    @ParameterizedTest
    @EnumSource(CommandResult.Outcome.class)
    void everyOutcomeRoundTrips(CommandResult.Outcome outcome) {
        CommandResult r = new CommandResult(1, "id", outcome, Samples.AT, null);
        assertEquals(new Decoded.Ok<>(r), codec.decode(Channel.COMMAND_RESULT, codec.encode(r)));
    }

    @Test
    void theByteLimitBindsBeforeTheSampleLimit() {
        // 500 samples with every figure set do not fit in 64 KiB: senders must batch by size too.
        List<dk.bostotte.protocol.message.NetworkSample> samples = new ArrayList<>();
        for (int i = 0; i < TelemetryBatch.MAX_SAMPLES; i++) {
            samples.add(Samples.fullSample(1_000_000_000L + i));
        }
        byte[] payload = codec.encode(TelemetryBatch.of(samples));
        assertTrue(payload.length > MessageCodec.MAX_PAYLOAD_BYTES, "size " + payload.length);
        assertFailure(Channel.TELEMETRY, payload, Reason.TOO_LARGE, null);
        // The device sends 100 a batch; full samples with radio detail (about 300 bytes) fit half again as many.
        TelemetryBatch fits = TelemetryBatch.of(samples.subList(0, 150));
        assertEquals(new Decoded.Ok<>(fits), codec.decode(Channel.TELEMETRY, codec.encode(fits)));
    }
}
