package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.REJECTED_MESSAGE;
import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.TelemetryBatch;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad payloads are refused with a reason, counted in /metrics and kept; the next good one is stored. */
class IngestValidationIT {

    static FleetTestEnvironment env;
    static final MessageCodec codec = new MessageCodec();

    @BeforeAll
    static void fleet() {
        env = FleetTestEnvironment.shared();
    }

    static double rejectedInMetrics(String reason) {
        String body = env.http().get("/metrics", "support", FleetTestEnvironment.ADMIN_PASSWORD).body();
        Matcher m = Pattern.compile("^bostotte_mqtt_messages_rejected_total\\{reason=\"" + reason + "\",?\\} (\\S+)$",
                Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static byte[] payload(String kind) {
        return switch (kind) {
            case "malformed" -> "{\"v\":1,\"samples\":[".getBytes(StandardCharsets.UTF_8);
            case "version" -> "{\"v\":7,\"samples\":[]}".getBytes(StandardCharsets.UTF_8);
            case "oversized" -> {
                byte[] b = new byte[MessageCodec.MAX_PAYLOAD_BYTES + 200];
                Arrays.fill(b, (byte) ' ');
                b[0] = '{';
                b[b.length - 1] = '}';
                yield b;
            }
            case "range" -> ("{\"v\":1,\"samples\":[{\"seq\":1,\"at\":\"" + Instant.now()
                    + "\",\"link\":\"wifi\",\"lossPct\":250}]}").getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} payload is rejected as {1}")
    @CsvSource({"malformed, malformed_json", "version, unsupported_version", "oversized, too_large", "range, out_of_range"})
    void badPayloadIsRejectedCountedKeptAndTheNextGoodOneStored(String kind, String reason) {
        EnrolledDevice d = env.enroll("rpi4", "validation-" + kind);
        Mqtt5BlockingClient c = TestMqttClients.blocking(d.id().value(), env.mqttPort(),
                TestMqttClients.tls(Optional.of(d.credential()), env.ca().certificate()));
        c.connect();
        double before = rejectedInMetrics(reason);
        String topic = Topics.of(d.id(), Channel.TELEMETRY);
        Mqtt5PubAckException e = assertThrows(Mqtt5PubAckException.class,
                () -> c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload(kind)).send());
        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, e.getMqttMessage().getReasonCode());
        assertTrue(e.getMqttMessage().getReasonString().map(Object::toString).orElse("").startsWith(reason),
                "the device is told why: " + e.getMqttMessage().getReasonString());
        assertEquals(before + 1, rejectedInMetrics(reason), "counted in /metrics by reason");
        FleetTestEnvironment.await("rejected payload kept", java.time.Duration.ofSeconds(10),
                () -> env.db().fetchExists(REJECTED_MESSAGE, REJECTED_MESSAGE.CLIENT_ID.eq(d.id().value())));
        var kept = env.db().selectFrom(REJECTED_MESSAGE).where(REJECTED_MESSAGE.CLIENT_ID.eq(d.id().value())).fetchOne();
        assertEquals(reason, kept.getReason());
        assertTrue(kept.getPayload().length > 0);

        byte[] good = codec.encode(TelemetryBatch.of(List.of(
                new NetworkSample(42, Instant.now(), LinkType.CELLULAR, 33.0, 2.0, 0.0, 12.5, 3.1, -95))));
        c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(good).send();
        FleetTestEnvironment.await("good sample stored", java.time.Duration.ofSeconds(10),
                () -> env.db().fetchExists(TELEMETRY, TELEMETRY.DEVICE_ID.eq(d.id().value())));
        var row = env.db().selectFrom(TELEMETRY).where(TELEMETRY.DEVICE_ID.eq(d.id().value())).fetchOne();
        assertEquals(42L, row.getSeq());
        assertEquals(-95, row.getSignalDbm());
        c.disconnect();
    }

    @Test
    void everyFigureOfASampleLandsInItsColumnAsSentAndAbsentOnesStayNull() {
        EnrolledDevice d = env.enroll("rpi4", "validation-columns");
        Mqtt5BlockingClient c = TestMqttClients.blocking(d.id().value(), env.mqttPort(),
                TestMqttClients.tls(Optional.of(d.credential()), env.ca().certificate()));
        c.connect();
        // Microseconds survive (PostgreSQL keeps no finer); a sample before 1970 would too.
        Instant at = Instant.parse("2026-11-23T08:15:30.123456Z");
        NetworkSample full = new NetworkSample(7, at, LinkType.CELLULAR, 41.5, 3.25, 1.5, 18.75, 4.5, -71, 30.0, 88.5,
                123_456_789_012L, null, new NetworkSample.Radio(null, "lte", -101.5, -11.0, 7.5));
        NetworkSample bare = new NetworkSample(8, at.plusMillis(1), LinkType.WIFI, null, null, null, null, null, null, null, null,
                null, NetworkSample.Skip.IN_CALL, null);
        c.publishWith().topic(Topics.of(d.id(), Channel.TELEMETRY)).qos(MqttQos.AT_LEAST_ONCE)
                .payload(codec.encode(TelemetryBatch.of(List.of(full, bare)))).send();
        FleetTestEnvironment.await("both samples stored", java.time.Duration.ofSeconds(10),
                () -> env.db().fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(d.id().value())) == 2);
        var first = env.db().selectFrom(TELEMETRY).where(TELEMETRY.DEVICE_ID.eq(d.id().value()), TELEMETRY.SEQ.eq(7L)).fetchOne();
        assertEquals(at, first.getSampledAt().toInstant());
        assertTrue(first.getReceivedAt().toInstant().isAfter(Instant.now().minusSeconds(60)), "received now: " + first.getReceivedAt());
        assertEquals(first.getReceivedAt().toInstant(), env.db().select(DEVICE.LAST_SEEN).from(DEVICE)
                .where(DEVICE.ID.eq(d.id().value())).fetchOne(DEVICE.LAST_SEEN).toInstant(),
                "the device was last seen when this batch arrived, after it connected");
        assertEquals("cellular", first.getLink());
        assertEquals(41.5f, first.getRttMs());
        assertEquals(3.25f, first.getJitterMs());
        assertEquals(1.5f, first.getLossPct());
        assertEquals(18.75f, first.getDownMbps());
        assertEquals(4.5f, first.getUpMbps());
        assertEquals(-71, first.getSignalDbm());
        assertEquals(30.0f, first.getRttMinMs());
        assertEquals(88.5f, first.getRttP95Ms());
        assertEquals(123_456_789_012L, first.getBytesUsed());
        assertEquals(null, first.getSkipped());
        assertEquals(null, first.getWifiBitrateMbps());
        assertEquals("lte", first.getCellTech());
        assertEquals(-101.5f, first.getRsrpDbm());
        assertEquals(-11.0f, first.getRsrqDb());
        assertEquals(7.5f, first.getSinrDb());
        var second = env.db().selectFrom(TELEMETRY).where(TELEMETRY.DEVICE_ID.eq(d.id().value()), TELEMETRY.SEQ.eq(8L)).fetchOne();
        assertEquals(at.plusMillis(1), second.getSampledAt().toInstant());
        assertEquals("wifi", second.getLink());
        assertEquals("in-call", second.getSkipped());
        assertEquals(null, second.getRttMs());
        assertEquals(null, second.getSignalDbm());
        assertEquals(null, second.getBytesUsed());
        assertEquals(null, second.getCellTech());
        c.disconnect();
    }
}
