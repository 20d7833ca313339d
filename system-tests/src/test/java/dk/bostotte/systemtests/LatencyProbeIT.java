package dk.bostotte.systemtests;

import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.netq.EchoPacket;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The latency probe end to end: a real device agent (probing, not simulated) sends UDP trains to
 * the fleet server's echo responder and its samples carry RTT, jitter and loss. The responder
 * answers only devices connected to the broker, and only so often.
 */
class LatencyProbeIT {

    private static int answered(DatagramSocket socket, int port, EchoPacket... packets) throws Exception {
        for (EchoPacket p : packets) {
            byte[] out = p.encode();
            socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
        }
        int n = 0;
        byte[] in = new byte[EchoPacket.MAX_SIZE];
        socket.setSoTimeout(700);
        try {
            while (true) {
                socket.receive(new DatagramPacket(in, in.length));
                n++;
            }
        } catch (SocketTimeoutException done) {
            return n;
        }
    }

    @Test
    void aProbingDeviceReportsRttJitterAndLossAndStrangersGetNoEcho() throws Exception {
        FleetTestEnvironment env = FleetTestEnvironment.shared();
        EnrolledDevice d = env.enroll("rpi4-kiosk", "latency-probe");
        EnrolledDevice absent = env.enroll("rpi4-kiosk", "latency-absent");
        try (DeviceProcess device = env.startDevice(d, "--telemetry-interval-s", "2", "--latency-every-s", "1");
             DatagramSocket socket = new DatagramSocket()) {
            device.awaitConnected(Duration.ofSeconds(30));
            FleetTestEnvironment.await("samples with UDP latency figures", Duration.ofSeconds(30), () ->
                    env.db().fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(d.id().value()).and(TELEMETRY.JITTER_MS.isNotNull())
                            .and(TELEMETRY.LOSS_PCT.isNotNull())) >= 2);
            var row = env.db().selectFrom(TELEMETRY).where(TELEMETRY.DEVICE_ID.eq(d.id().value()))
                    .and(TELEMETRY.LOSS_PCT.isNotNull()).orderBy(TELEMETRY.SEQ.desc()).limit(1).fetchOne();
            assertEquals(0f, row.getLossPct(), "loopback loses nothing");
            assertTrue(row.getRttMs() >= 0 && row.getRttMs() < 100, "rtt " + row.getRttMs());
            assertTrue(row.getRttMinMs() <= row.getRttMs() && row.getRttMs() <= row.getRttP95Ms(), "min <= median <= p95: " + row);
            assertTrue(row.getBytesUsed() > 0, "what the train cost is stored: " + row);

            int port = env.mqttPort();
            assertEquals(0, answered(socket, port, new EchoPacket(absent.id(), 1, 1, 64)),
                    "an enrolled device that is not connected gets no echo");
            assertEquals(0, answered(socket, port), "nothing sent, nothing back");
            byte[] junk = "GET / HTTP/1.0\r\n\r\n".getBytes();
            socket.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), port));
            EchoPacket[] flood = new EchoPacket[150];
            for (int i = 0; i < flood.length; i++) {
                flood[i] = new EchoPacket(d.id(), 1000 + i, i, 64);
            }
            int back = answered(socket, port, flood);
            assertTrue(back > 0 && back <= 100, "at most 100 echoes per device in 10 s, got " + back);
            String metrics = env.http().get("/metrics", "support", FleetTestEnvironment.ADMIN_PASSWORD).body();
            assertTrue(metrics.contains("bostotte_netq_echo_refused_total{reason=\"not_a_connected_device\"}"), metrics);
            assertTrue(metrics.contains("bostotte_netq_echo_refused_total{reason=\"not_an_echo_packet\"}"));
            assertTrue(metrics.contains("bostotte_netq_echo_refused_total{reason=\"rate_limited\"}"));
        }
    }

    @Test
    void aSpentBudgetIsReportedAsASkipNotAsMissingFigures() throws Exception {
        FleetTestEnvironment env = FleetTestEnvironment.shared();
        EnrolledDevice d = env.enroll("rpi4-kiosk", "budget-spent");
        try (DeviceProcess device = env.startDevice(d, "--telemetry-interval-s", "2", "--latency-every-s", "1",
                "--measurement-budget-kb", "1")) {
            FleetTestEnvironment.await("a sample saying the budget is spent", Duration.ofSeconds(40), () ->
                    env.db().fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(d.id().value())
                            .and(TELEMETRY.SKIPPED.eq("budget-spent"))) >= 1);
            assertEquals(0, env.db().fetchCount(TELEMETRY, TELEMETRY.DEVICE_ID.eq(d.id().value())
                    .and(TELEMETRY.LOSS_PCT.isNotNull())), "no latency train ran");
        }
    }

    @Test
    void throughputIsTestedOverTheDevicesOwnHttpsAndOnlyEnrolledDevicesAreServed() throws Exception {
        FleetTestEnvironment env = FleetTestEnvironment.shared();
        EnrolledDevice d = env.enroll("rpi4-kiosk", "throughput-probe");
        try (DeviceProcess device = env.startDevice(d, "--telemetry-interval-s", "2", "--latency-every-s", "3600",
                "--throughput-every-s", "3600")) {
            device.awaitLog("throughput test: [0-9.]+ Mbit/s down, [0-9.]+ Mbit/s up, [0-9]+ bytes", Duration.ofSeconds(90));
            FleetTestEnvironment.await("a sample with throughput", Duration.ofSeconds(30), () -> env.db().fetchCount(TELEMETRY,
                    TELEMETRY.DEVICE_ID.eq(d.id().value()).and(TELEMETRY.DOWN_MBPS.isNotNull()).and(TELEMETRY.UP_MBPS.isNotNull())) == 1);
            var row = env.db().selectFrom(TELEMETRY).where(TELEMETRY.DEVICE_ID.eq(d.id().value()))
                    .and(TELEMETRY.DOWN_MBPS.isNotNull()).fetchOne();
            assertTrue(row.getDownMbps() > 10 && row.getUpMbps() > 10, "loopback is fast: " + row);
            var used = java.util.regex.Pattern.compile("Mbit/s up, (\\d+) bytes").matcher(device.output());
            assertTrue(used.find());
            assertTrue(Long.parseLong(used.group(1)) <= 10_000_000L, "within the default daily budget: " + used.group(1));
            assertTrue(row.getBytesUsed() >= Long.parseLong(used.group(1)), "the sample carries what it cost: " + row);
        }
        // Without a device certificate: the TLS handshake itself is refused.
        javax.net.ssl.SSLContext trustOnly = javax.net.ssl.SSLContext.getInstance("TLS");
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", env.ca().certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        trustOnly.init(null, tmf.getTrustManagers(), null);
        var client = java.net.http.HttpClient.newBuilder().sslContext(trustOnly).build();
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + env.deviceApiPort()
                        + "/device/v1/throughput/download?bytes=1000")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()));
    }
}
