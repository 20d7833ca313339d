package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.TelemetryBatch;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmokeIT {
    @Test
    void smoke() throws Exception {
        try (FleetTestEnvironment env = FleetTestEnvironment.start()) {
            var dev = env.enroll("rpi4", "S1");
            var client = TestMqttClients.blocking(dev.id().value(), env.mqttPort(), TestMqttClients.tls(Optional.of(dev.credential()), env.ca().certificate()));
            client.connect();
            byte[] payload = new MessageCodec().encode(TelemetryBatch.of(List.of(new NetworkSample(1, Instant.now(), LinkType.WIFI, 12.0, null, null, null, null, null))));
            client.publishWith().topic(Topics.of(dev.id(), Channel.TELEMETRY)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
            assertEquals(1, env.db().fetchCount(dk.bostotte.fleet.db.jooq.Tables.TELEMETRY));
            client.disconnect();
        }
    }
}
