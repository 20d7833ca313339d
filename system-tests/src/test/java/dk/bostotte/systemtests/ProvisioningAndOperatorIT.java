package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.TelemetryBatch;
import dk.bostotte.provisioning.ProvisioningMain;
import dk.bostotte.pki.FleetCa;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The provisioning CLI against a running server, and a third-party MQTT client with an operator certificate. */
class ProvisioningAndOperatorIT {

    static FleetTestEnvironment env;
    static Path passwordFile;

    @BeforeAll
    static void fleet() throws Exception {
        env = FleetTestEnvironment.shared();
        passwordFile = Files.createTempFile("admin", ".pw");
        Files.writeString(passwordFile, FleetTestEnvironment.ADMIN_PASSWORD);
    }

    record Run(int exit, String out, String err) {
    }

    static Run provision(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ProvisioningMain());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] serverArgs() {
        return new String[] {"--server", env.httpUrl(), "--user", "admin", "--password-file", passwordFile.toString()};
    }

    @Test
    void cliEnrolsADeviceThatConnectsAndRevokesIt() throws Exception {
        Path out = env.root().resolve("cli-bundle");
        List<String> enroll = new java.util.ArrayList<>(List.of("enroll", "--pki", env.root().resolve("pki").toString(),
                "--model", "rpi5", "--serial", "CLI-1", "--out", out.toString(), "--mqtt-host", "127.0.0.1",
                "--mqtt-port", Integer.toString(env.mqttPort())));
        enroll.addAll(List.of(serverArgs()));
        Run r = provision(enroll.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        DeviceId id = DeviceId.parse(lines[lines.length - 1].strip()).orElseThrow();
        assertTrue(env.db().fetchExists(DEVICE, DEVICE.ID.eq(id.value()).and(DEVICE.SERIAL.eq("CLI-1"))),
                "registered in the inventory");

        EnrolledDevice d = new EnrolledDevice(id, null, out);
        try (DeviceProcess p = env.startDevice(d, "--simulate")) {
            p.awaitConnected(Duration.ofSeconds(30));
            List<String> listArgs = new java.util.ArrayList<>(List.of("list"));
            listArgs.addAll(List.of(serverArgs()));
            Run listed = provision(listArgs.toArray(String[]::new));
            assertEquals(0, listed.exit(), listed.err());
            assertTrue(listed.out().contains(id.value()), listed.out());

            List<String> revoke = new java.util.ArrayList<>(List.of("revoke", id.value()));
            revoke.addAll(List.of(serverArgs()));
            Run revoked = provision(revoke.toArray(String[]::new));
            assertEquals(0, revoked.exit(), revoked.err());
            FleetTestEnvironment.await("revoked device offline", Duration.ofSeconds(10), () -> !env.db()
                    .select(DEVICE.ONLINE).from(DEVICE).where(DEVICE.ID.eq(id.value())).fetchOne(DEVICE.ONLINE));
            // It keeps trying, and keeps being refused.
            Thread.sleep(3000);
            assertTrue(!env.db().select(DEVICE.ONLINE).from(DEVICE).where(DEVICE.ID.eq(id.value())).fetchOne(DEVICE.ONLINE));
        }
    }

    @Test
    void cliEnrolmentRefusedByServerWritesNoBundle() throws Exception {
        Path out = env.root().resolve("cli-refused");
        Path badPassword = Files.createTempFile("bad", ".pw");
        Files.writeString(badPassword, "wrong");
        Run r = provision("enroll", "--pki", env.root().resolve("pki").toString(), "--model", "rpi4", "--serial", "CLI-2",
                "--out", out.toString(), "--server", env.httpUrl(), "--user", "admin", "--password-file", badPassword.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("401"), r.err());
        assertTrue(!Files.exists(out.resolve("device.properties")));
    }

    @Test
    void mosquittoSubWithOperatorCertificateReadsTelemetryAsDocumented() throws Exception {
        Path dir = env.root().resolve("operator-it");
        Run r = provision("operator", "it-reader", "--pki", env.root().resolve("pki").toString(), "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        EnrolledDevice d = env.enroll("rpi4", "operator-interop");

        Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(env.mqttPort()),
                "-V", "mqttv5", "-i", "operator-it-reader", "--cafile", dir.resolve("ca.crt").toString(),
                "--cert", dir.resolve("operator.crt").toString(), "--key", dir.resolve("operator.key").toString(),
                "-t", Topics.allDevices(Channel.TELEMETRY), "-C", "1", "-W", "30").redirectErrorStream(false).start();
        Thread.sleep(1500); // let the subscription settle before publishing

        var device = TestMqttClients.blocking(d.id().value(), env.mqttPort(),
                TestMqttClients.tls(Optional.of(d.credential()), env.ca().certificate()));
        device.connect();
        byte[] payload = new MessageCodec().encode(TelemetryBatch.of(List.of(
                new NetworkSample(7, Instant.now(), LinkType.WIFI, 18.5, 3.0, 0.5, 40.0, 9.5, -61))));
        device.publishWith().topic(Topics.of(d.id(), Channel.TELEMETRY)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();

        assertTrue(sub.waitFor(30, TimeUnit.SECONDS), "mosquitto_sub received a message");
        String received = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String errors = new String(sub.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sub.exitValue(), errors);

        JsonNode message = new ObjectMapper().readTree(received);
        try (InputStream schemaIn = MessageCodec.class.getResourceAsStream("/dk/bostotte/protocol/spec/schemas/telemetry-batch.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaIn);
            assertEquals(java.util.Set.of(), schema.validate(message), "matches the schema asyncapi.yaml documents");
        }
        assertEquals(7, message.get("samples").get(0).get("seq").asLong());

        Process forbidden = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(env.mqttPort()),
                "-V", "mqttv5", "-i", "operator-it-reader", "--cafile", dir.resolve("ca.crt").toString(),
                "--cert", dir.resolve("operator.crt").toString(), "--key", dir.resolve("operator.key").toString(),
                "-t", Topics.allDevices(Channel.COMMAND), "-C", "1", "-W", "5").start();
        assertTrue(forbidden.waitFor(15, TimeUnit.SECONDS));
        String err = new String(forbidden.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(forbidden.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(forbidden.exitValue() != 0 || err.toLowerCase().contains("not authorized") || err.contains("denied"),
                "an operator may not read commands: " + err);
    }

    @Test
    void operatorFromAnotherCaIsRefusedByMosquittoClient() throws Exception {
        Path otherDir = Files.createTempDirectory("other-ca");
        FleetCa other = FleetCa.create(otherDir, "Other");
        var cred = other.issueOperator("intruder", Duration.ofDays(5));
        cred.writePem(otherDir.resolve("op.key"), otherDir.resolve("op.crt"));
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(env.mqttPort()),
                "-V", "mqttv5", "-i", "operator-intruder", "--cafile", env.root().resolve("pki/ca.crt").toString(),
                "--cert", otherDir.resolve("op.crt").toString(), "--key", otherDir.resolve("op.key").toString(),
                "-t", Topics.allDevices(Channel.TELEMETRY), "-C", "1", "-W", "5").redirectErrorStream(true).start();
        assertTrue(sub.waitFor(15, TimeUnit.SECONDS));
        assertTrue(sub.exitValue() != 0, new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
