package dk.bostotte.fleet.netq;

import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.netq.EchoPacket;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The far end of the devices' latency probe: sends each {@link EchoPacket} straight back. It
 * answers only a device that is connected to the broker right now (mutual TLS, enrolled, not
 * revoked) and only at the address that connection comes from, and at most
 * {@code packetsPerWindow} packets per device every {@value #WINDOW_MS} ms, so it can be
 * neither an open reflector nor a load generator. Everything refused is counted by reason.
 */
public final class UdpEchoResponder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpEchoResponder.class);
    static final long WINDOW_MS = 10_000;

    private final Vertx vertx;
    private final PresenceService presence;
    private final FleetMetrics metrics;
    private final PerDeviceAllowance allowance;
    private DatagramSocket socket;

    public UdpEchoResponder(Vertx vertx, PresenceService presence, FleetMetrics metrics, int packetsPerWindow) {
        this.allowance = new PerDeviceAllowance(WINDOW_MS, packetsPerWindow, System::currentTimeMillis);
        this.vertx = vertx;
        this.presence = presence;
        this.metrics = metrics;
    }

    public void start(String host, int port) {
        socket = vertx.createDatagramSocket().handler(this::answer).listen(port, host).await();
        log.info("UDP echo for latency probes on {}:{}", host, port);
    }

    private void answer(DatagramPacket packet) {
        byte[] data = packet.data().getBytes();
        Optional<EchoPacket> echo = EchoPacket.parse(data, data.length);
        if (echo.isEmpty()) {
            metrics.echoRefused("not_an_echo_packet");
            return;
        }
        DeviceId device = echo.get().device();
        Optional<InetAddress> connectedFrom = presence.addressOf(device);
        if (connectedFrom.isEmpty() || !connectedFrom.get().equals(address(packet.sender().host()))) {
            metrics.echoRefused("not_a_connected_device");
            return;
        }
        if (!allowance.take(device.value(), 1)) {
            metrics.echoRefused("rate_limited");
            return;
        }
        metrics.echoAnswered();
        socket.send(packet.data(), packet.sender().port(), packet.sender().host());
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host); // a literal address: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close().await();
        }
    }
}
