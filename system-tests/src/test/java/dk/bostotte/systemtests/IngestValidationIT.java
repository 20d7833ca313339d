package dk.bostotte.systemtests;

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
}
