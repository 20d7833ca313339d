package dk.bostotte.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WireInstantDeserializerTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void readsEveryCanonicalUtcTimestampAsTheStandardParserDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // 0000-01-01 to 9999-12-31, any second, 0 to 9 fraction digits.
            Instant at = Instant.ofEpochSecond(-62_167_219_200L + (long) (random.nextDouble() * 315_537_897_599L),
                    random.nextInt(1_000_000_000));
            int digits = random.nextInt(10);
            String pattern = "uuuu-MM-dd'T'HH:mm:ss" + (digits == 0 ? "" : "." + "S".repeat(digits)) + "'Z'";
            String text = DateTimeFormatter.ofPattern(pattern).withZone(java.time.ZoneOffset.UTC).format(at);
            assertEquals(Instant.parse(text), WireInstantDeserializer.parseUtc(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T08:15:30+01:00", "2026-11-23T24:00:00Z", "2026-02-30T08:15:30Z", "2026-11-23T23:59:60Z",
        "2026-11-23T08:15:30.Z", "2026-11-23T08:15:30.1234567890Z", "2026-11-23t08:15:30Z", "2026-11-23T08:15:30z",
        "+2026-11-23T08:15:30Z", "2026-1-23T08:15:30.12Z", "2026-11-23T08:15:3xZ", "2026-11-23 08:15:30Z", ""})
    void leavesAnythingElseToTheStandardParser(String text) {
        assertNull(WireInstantDeserializer.parseUtc(text));
    }

    @Test
    void aTimestampWithAnOffsetIsStillReadAndAnImpossibleOneStillRefusedByName() {
        Decoded<?> offset = codec.decode(Channel.TELEMETRY, telemetryAt("2026-11-23T09:15:30+01:00"));
        assertEquals(Instant.parse("2026-11-23T08:15:30Z"), ((TelemetryBatch) offset.orThrow()).samples().get(0).at());
        Decoded<?> impossible = codec.decode(Channel.TELEMETRY, telemetryAt("2026-02-30T08:15:30Z"));
        DecodeError error = assertInstanceOf(Decoded.Failed.class, impossible).error();
        assertEquals("samples[0].at", error.field());
    }

    private static byte[] telemetryAt(String at) {
        return ("{\"v\":1,\"samples\":[{\"seq\":1,\"at\":\"" + at + "\",\"link\":\"wifi\"}]}").getBytes(StandardCharsets.UTF_8);
    }
}
