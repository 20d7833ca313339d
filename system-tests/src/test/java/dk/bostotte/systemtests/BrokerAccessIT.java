package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.TelemetryBatch;
import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.IssuedCredential;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may connect, publish and subscribe: everything outside a device's own subtree is refused. */
class BrokerAccessIT {

    static FleetTestEnvironment env;
    static final MessageCodec codec = new MessageCodec();
    static final AtomicLong seq = new AtomicLong(1);

    @BeforeAll
    static void fleet() {
        env = FleetTestEnvironment.shared();
    }

    private static Mqtt5BlockingClient client(String clientId, Optional<IssuedCredential> cred) {
        return TestMqttClients.blocking(clientId, env.mqttPort(), TestMqttClients.tls(cred, env.ca().certificate()));
    }

    private static byte[] telemetry() {
        return codec.encode(TelemetryBatch.of(List.of(
                new NetworkSample(seq.getAndIncrement(), Instant.now(), LinkType.ETHERNET, 5.0, null, null, null, null, null))));
    }

    private static double refused(String what) {
        return env.server().metrics().registry().find("bostotte.mqtt.access.refused").tag("what", what).counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void enrolledDeviceWithItsOwnCertificateIsAdmitted() {
        EnrolledDevice d = env.enroll("rpi4", "access-ok");
        Mqtt5BlockingClient c = client(d.id().value(), Optional.of(d.credential()));
        assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, c.connect().getReasonCode());
        c.disconnect();
    }

    @Test
    void connectionWithoutClientCertificateIsRefusedDuringTls() {
        EnrolledDevice d = env.enroll("rpi4", "access-nocert");
        Mqtt5BlockingClient c = client(d.id().value(), Optional.empty());
        assertThrows(RuntimeException.class, c::connect);
        assertFalse(c.getState().isConnected());
    }

    @Test
    void certificateFromAnotherCaIsRefused() throws Exception {
        EnrolledDevice d = env.enroll("rpi4", "access-foreign");
        FleetCa other = FleetCa.create(Files.createTempDirectory("other-ca"), "Someone else");
        IssuedCredential foreign = other.issueDevice(d.id(), Duration.ofDays(30));
        Mqtt5BlockingClient c = client(d.id().value(), Optional.of(foreign));
        assertThrows(RuntimeException.class, c::connect);
        assertFalse(c.getState().isConnected());
    }

    @Test
    void clientIdOtherThanCertificateCnIsRefused() {
        EnrolledDevice a = env.enroll("rpi4", "access-cn-a");
        EnrolledDevice b = env.enroll("rpi4", "access-cn-b");
        double before = refused("connect");
        Mqtt5BlockingClient c = client(b.id().value(), Optional.of(a.credential()));
        Mqtt5ConnAckException e = assertThrows(Mqtt5ConnAckException.class, c::connect);
        assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, e.getMqttMessage().getReasonCode());
        assertEquals(before + 1, refused("connect"), "the refusal is counted");
    }

    @Test
    void unenrolledDeviceWithFleetCertificateIsRefused() {
        DeviceId stranger = DeviceId.random(new SecureRandom());
        IssuedCredential cred = env.ca().issueDevice(stranger, Duration.ofDays(30));
        Mqtt5ConnAckException e = assertThrows(Mqtt5ConnAckException.class,
                () -> client(stranger.value(), Optional.of(cred)).connect());
        assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, e.getMqttMessage().getReasonCode());
    }

    @Test
    void revokedDeviceIsDisconnectedNowAndRefusedAtItsNextConnect() {
        EnrolledDevice d = env.enroll("rpi4", "access-revoked");
        Mqtt5BlockingClient c = client(d.id().value(), Optional.of(d.credential()));
        c.connect();
        var response = env.http().post("/api/devices/" + d.id() + "/revoke", "admin", FleetTestEnvironment.ADMIN_PASSWORD, "");
        assertEquals(200, response.statusCode(), response.body());
        FleetTestEnvironment.await("revoked device disconnected", Duration.ofSeconds(5),
                () -> c.getState() != MqttClientState.CONNECTED);
        Mqtt5ConnAckException e = assertThrows(Mqtt5ConnAckException.class,
                () -> client(d.id().value(), Optional.of(d.credential())).connect());
        assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, e.getMqttMessage().getReasonCode());
    }

    @Test
    void publishingIntoAnotherDevicesSubtreeIsRefusedAndNothingIsStored() {
        EnrolledDevice a = env.enroll("rpi4", "access-pub-a");
        EnrolledDevice b = env.enroll("rpi4", "access-pub-b");
        Mqtt5BlockingClient c = client(a.id().value(), Optional.of(a.credential()));
        c.connect();
        double before = refused("publish");
        Mqtt5PubAckException e = assertThrows(Mqtt5PubAckException.class, () -> c.publishWith()
                .topic(Topics.of(b.id(), Channel.TELEMETRY)).qos(MqttQos.AT_LEAST_ONCE).payload(telemetry()).send());
        assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, e.getMqttMessage().getReasonCode());
        assertEquals(0, env.db().fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(b.id().value())));
        assertEquals(before + 1, refused("publish"));
    }

    @Test
    void deviceMayNotPublishOnServerChannelsOfItsOwn() {
        EnrolledDevice a = env.enroll("rpi4", "access-pub-cmd");
        Mqtt5BlockingClient c = client(a.id().value(), Optional.of(a.credential()));
        c.connect();
        Mqtt5PubAckException e = assertThrows(Mqtt5PubAckException.class, () -> c.publishWith()
                .topic(Topics.of(a.id(), Channel.COMMAND)).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {'{', '}'}).send());
        assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, e.getMqttMessage().getReasonCode());
    }

    @Test
    void subscribingOutsideItsOwnSubtreeIsRefused() {
        EnrolledDevice a = env.enroll("rpi4", "access-sub-a");
        EnrolledDevice b = env.enroll("rpi4", "access-sub-b");
        Mqtt5BlockingClient c = client(a.id().value(), Optional.of(a.credential()));
        c.connect();
        assertThrows(Mqtt5SubAckException.class, () -> c.subscribeWith().topicFilter("#").send());
        Mqtt5BlockingClient c2 = client(a.id().value(), Optional.of(a.credential()));
        c2.connect();
        assertThrows(Mqtt5SubAckException.class, () -> c2.subscribeWith().topicFilter(Topics.of(b.id(), Channel.COMMAND)).send());
        var ok = c2.subscribeWith().topicFilter(Topics.of(a.id(), Channel.COMMAND)).send();
        assertTrue(ok.getReasonCodes().get(0).getCode() < 0x80, "its own command channel is allowed");
    }

    @Test
    void plainTcpWithoutTlsIsRefused() {
        Mqtt5BlockingClient plain = MqttClient.builder().useMqttVersion5().identifier("plain").serverHost("127.0.0.1")
                .serverPort(env.mqttPort()).buildBlocking();
        assertThrows(RuntimeException.class, plain::connect);
        assertFalse(plain.getState().isConnected());
    }
}
