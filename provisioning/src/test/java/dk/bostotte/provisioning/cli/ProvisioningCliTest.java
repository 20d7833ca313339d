package dk.bostotte.provisioning.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.provisioning.ProvisioningMain;
import dk.bostotte.provisioning.bundle.DeviceBundle;
import dk.bostotte.pki.CertificateRole;
import dk.bostotte.pki.Fingerprints;
import dk.bostotte.pki.Pem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProvisioningCliTest {

    @TempDir
    Path tmp;
    Path pki;
    Path passwordFile;
    FakeFleetServer server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        pki = tmp.resolve("pki");
        passwordFile = Files.writeString(tmp.resolve("admin.pw"), "hunter2\n");
        server = new FakeFleetServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    int provision(String... args) {
        CommandLine cli = new CommandLine(new ProvisioningMain());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    int initCa() {
        return provision("init-ca", "--pki", pki.toString(), "--server-dns", "localhost", "--server-ip", "127.0.0.1");
    }

    int enroll(Path bundle) {
        return provision("enroll", "--pki", pki.toString(), "--server", server.uri().toString(),
                "--password-file", passwordFile.toString(), "--model", "rpi4", "--serial", "S-1", "--out", bundle.toString());
    }

    @Test
    void enrollRegistersTheDeviceThenWritesItsBundleAndPrintsItsId() throws Exception {
        assertEquals(0, initCa());
        Path bundleDir = tmp.resolve("bundle");

        int exit = enroll(bundleDir);

        assertEquals(0, exit, err.toString());
        List<String> lines = out.toString().lines().toList();
        String id = lines.get(lines.size() - 1);
        assertTrue(DeviceId.isValid(id), id);
        DeviceBundle bundle = DeviceBundle.read(bundleDir);
        assertEquals(new DeviceId(id), bundle.id());
        assertEquals("127.0.0.1", bundle.serverHost());
        assertEquals(server.port(), bundle.httpPort());
        assertEquals(8883, bundle.mqttPort());
        X509Certificate cert = Pem.readCertificate(bundleDir.resolve("device.crt"));
        assertEquals(Optional.of(id), CertificateRole.commonName(cert));

        FakeFleetServer.Request request = server.requests.get(0);
        assertEquals("/api/devices", request.path());
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals(id, body.get("id").asText());
        assertEquals("S-1", body.get("serial").asText());
        assertEquals(Fingerprints.sha256Hex(cert), body.get("certFingerprint").asText());
        assertEquals(cert.getNotAfter().toInstant().toString(), body.get("certNotAfter").asText());
    }

    @Test
    void aKioskWiredDifferentlyGetsItsPinsInItsBundleAndHalfAWiringIsRefused() {
        assertEquals(0, initCa());
        Path wired = tmp.resolve("wired");
        int exit = provision("enroll", "--pki", pki.toString(), "--server", server.uri().toString(),
                "--password-file", passwordFile.toString(), "--model", "rpi4", "--serial", "S-2", "--out", wired.toString(),
                "--button-pin", "22", "--led-pin", "23");
        assertEquals(0, exit, err.toString());
        assertEquals(new DeviceBundle.GpioPins(22, 23), DeviceBundle.read(wired).gpio());

        int before = server.requests.size();
        int half = provision("enroll", "--pki", pki.toString(), "--server", server.uri().toString(),
                "--password-file", passwordFile.toString(), "--model", "rpi4", "--serial", "S-3", "--out",
                tmp.resolve("half").toString(), "--button-pin", "22");
        assertEquals(1, half);
        assertTrue(err.toString().contains("--button-pin and --led-pin go together"), err.toString());
        assertEquals(before, server.requests.size(), "nothing registered for a bundle that was never written");
    }

    @Test
    void refusedEnrolmentWritesNoBundleAndExitsOne() {
        assertEquals(0, initCa());
        server.respond(409, "{\"error\":\"serial S-1 is already enrolled\"}");
        Path bundleDir = tmp.resolve("bundle");

        int exit = enroll(bundleDir);

        assertEquals(1, exit);
        assertTrue(Files.notExists(bundleDir), "no bundle for a device the server refused");
        assertTrue(err.toString().contains(server.uri().toString()), err.toString());
        assertTrue(err.toString().contains("409"), err.toString());
        assertTrue(err.toString().contains("serial S-1 is already enrolled"), err.toString());
    }

    @Test
    void enrolmentWithoutAFleetCaFailsBeforeContactingTheServer() {
        int exit = enroll(tmp.resolve("bundle"));

        assertEquals(1, exit);
        assertTrue(err.toString().contains("init-ca"), err.toString());
        assertTrue(server.requests.isEmpty());
    }

    @Test
    void initCaTwiceLeavesTheFirstCaUntouched() throws Exception {
        assertEquals(0, initCa());
        byte[] key = Files.readAllBytes(pki.resolve("ca.key"));
        byte[] keystore = Files.readAllBytes(pki.resolve("server.p12"));

        assertEquals(0, initCa());

        assertArrayEquals(key, Files.readAllBytes(pki.resolve("ca.key")));
        assertArrayEquals(keystore, Files.readAllBytes(pki.resolve("server.p12")));
        assertTrue(out.toString().contains("already exists"), out.toString());
    }

    @Test
    void initCaRewritesAMissingServerKeystoreWithTheExistingCa() throws Exception {
        assertEquals(0, initCa());
        byte[] key = Files.readAllBytes(pki.resolve("ca.key"));
        Files.delete(pki.resolve("server.p12"));

        assertEquals(0, initCa());

        assertArrayEquals(key, Files.readAllBytes(pki.resolve("ca.key")));
        assertTrue(Files.exists(pki.resolve("server.p12")));
        X509Certificate serverCert = Pem.readCertificate(pki.resolve("server.crt"));
        serverCert.verify(Pem.readCertificate(pki.resolve("ca.crt")).getPublicKey());
    }

    @Test
    void operatorCommandWritesCertificateKeyAndCaWithoutCallingTheServer() throws Exception {
        assertEquals(0, initCa());
        Path dir = tmp.resolve("ops");

        assertEquals(0, provision("operator", "anna", "--pki", pki.toString(), "--out", dir.toString()), err.toString());

        assertEquals(Optional.of("operator-anna"), CertificateRole.commonName(Pem.readCertificate(dir.resolve("operator.crt"))));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("operator.key")));
        assertTrue(Files.exists(dir.resolve("ca.crt")));
        assertTrue(server.requests.isEmpty());
    }

    @Test
    void operatorCommandRejectsAnUnsafeName() {
        assertEquals(0, initCa());

        assertEquals(1, provision("operator", "Anna Smith", "--pki", pki.toString(), "--out", tmp.resolve("x").toString()));
        assertTrue(err.toString().contains("operator name"), err.toString());
    }

    @Test
    void revokeReportsTheServersRefusal() {
        server.respond(404, "{\"error\":\"unknown device\"}");
        String id = DeviceId.random(new java.security.SecureRandom()).value();

        int exit = provision("revoke", id.toLowerCase(), "--server", server.uri().toString(), "--password-file", passwordFile.toString());

        assertEquals(1, exit);
        assertEquals("/api/devices/" + id + "/revoke", server.requests.get(0).path());
        assertTrue(err.toString().contains("404") && err.toString().contains("unknown device"), err.toString());
    }

    @Test
    void listPrintsATableOfDevices() {
        server.respond(200, "[{\"id\":\"K7M3-Q9PX\",\"model\":\"rpi4\",\"serial\":\"S1\",\"online\":true,"
                + "\"lastSeen\":\"2026-01-01T10:00:00Z\",\"revoked\":false},"
                + "{\"id\":\"AAAA-BBBB\",\"model\":\"nuc\",\"serial\":\"S22\",\"online\":false,\"lastSeen\":null,\"revoked\":true}]");

        assertEquals(0, provision("list", "--server", server.uri().toString(), "--password-file", passwordFile.toString()), err.toString());

        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of("id", "model", "serial", "online", "lastSeen", "revoked"), Stream.of(lines.get(0).split("\\s+")).toList());
        assertEquals(List.of("K7M3-Q9PX", "rpi4", "S1", "true", "2026-01-01T10:00:00Z", "false"), Stream.of(lines.get(1).split("\\s+")).toList());
        assertEquals(List.of("AAAA-BBBB", "nuc", "S22", "false", "-", "true"), Stream.of(lines.get(2).split("\\s+")).toList());
    }

    @Test
    void missingAdminPasswordIsReportedBeforeAnyRequest() {
        // Only meaningful where the environment does not provide a password.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("BOSTOTTE_ADMIN_PASSWORD") == null);

        assertEquals(1, provision("list", "--server", server.uri().toString()));
        assertTrue(err.toString().contains("BOSTOTTE_ADMIN_PASSWORD"), err.toString());
        assertTrue(server.requests.isEmpty());
    }
}
