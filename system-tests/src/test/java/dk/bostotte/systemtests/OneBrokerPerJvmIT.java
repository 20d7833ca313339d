package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.CallSignal;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * HiveMQ CE's payload ids come from one counter per JVM, which every broker resets when it starts.
 * A second fleet server in the shared test JVM made the shared broker send devices old retained
 * payloads in place of call signals (a call's ICE candidates lost, a hang-up never arriving). The
 * broker now refuses to be the second one, and the shared one keeps each message's own payload.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class OneBrokerPerJvmIT {

    static final FleetTestEnvironment env = FleetTestEnvironment.shared();
    static final MessageCodec codec = new MessageCodec();
    static EnrolledDevice d;
    static Mqtt5BlockingClient device;

    /** Retained payloads stored before a second broker's start are what its reused ids handed out. */
    @BeforeAll
    static void aDeviceWithARetainedState() {
        d = env.enroll("rpi4-kiosk", "one-broker");
        device = TestMqttClients.blocking(d.id().value(), env.mqttPort(),
                TestMqttClients.tls(Optional.of(d.credential()), env.ca().certificate()));
        device.connect();
        device.publishWith().topic(Topics.of(d.id(), Channel.STATE)).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload(codec.encode(DeviceState.online(Instant.now(), "test", "rpi4-kiosk"))).send();
    }

    @AfterAll
    static void disconnect() {
        device.disconnect();
    }

    @Test
    void a_aSecondFleetServerInThisJvmIsRefusedAndSaysWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, FleetTestEnvironment::start);
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("already runs in this JVM")
                && cause.getMessage().contains("port " + env.mqttPort()), cause.getMessage());
    }

    @Test
    void b_theSharedBrokerStillSendsEveryMessageItsOwnPayload() throws Exception {
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = device.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            device.subscribeWith().topicFilter(Topics.of(d.id(), Channel.CALL)).qos(MqttQos.AT_LEAST_ONCE).send();
            int signals = 500;
            for (int i = 0; i < signals; i++) {
                env.server().broker().publish(d.id(), Channel.CALL,
                        codec.encode(CallSignal.hangup("call-" + i, Instant.now(), "test"))).get(5, TimeUnit.SECONDS);
            }
            for (int i = 0; i < signals; i++) {
                Mqtt5Publish p = inbox.receive(5, TimeUnit.SECONDS).orElse(null);
                assertNotNull(p, "signal " + i + " never arrived");
                assertEquals(Topics.of(d.id(), Channel.CALL), p.getTopic().toString());
                String payload = new String(p.getPayloadAsBytes(), java.nio.charset.StandardCharsets.UTF_8);
                String callId = codec.decode(CallSignal.class, p.getPayloadAsBytes()).fold(CallSignal::callId, error -> null);
                assertEquals("call-" + i, callId, "signal " + i + " arrived with another payload: " + payload);
            }
        }
    }
}
