package dk.bostotte.fleet;

import dk.bostotte.fleet.config.FleetConfig;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ports the fleet server will listen on, checked before anything starts: a port another program
 * (often a second demo or server) holds is then one line naming the port and its setting, instead of a
 * broker's or web server's stack trace after the database has started.
 */
final class ListenPorts {

    /** One listening socket: what it is for, the setting (and option) that moves it, and its address. */
    record Port(String purpose, String setting, String option, String host, int port, boolean udp) {

        /** How to choose another port: the setting, its environment variable, the command-line option if any. */
        String howToMove() {
            String env = "BOSTOTTE_" + setting.toUpperCase(Locale.ROOT).replace('.', '_');
            return setting + " (" + env + (option.isEmpty() ? "" : ", or " + option) + ")";
        }
    }

    private ListenPorts() {
    }

    static List<Port> of(FleetConfig config) {
        String mqttHost = config.mqtt().host();
        int mqtt = config.mqtt().port();
        return List.of(
                new Port("console and API (HTTP)", "http.port", "--http-port", config.http().host(), config.http().port(), false),
                new Port("MQTT broker", "mqtt.port", "--mqtt-port", mqttHost, mqtt, false),
                new Port("UDP echo for latency probes", "mqtt.port", "--mqtt-port", mqttHost, mqtt, true),
                new Port("device API", "device.api.port", "", mqttHost, config.netq().deviceApiPort(), false));
    }

    /** Throws with one line naming the first port that is taken, or that two settings share. */
    static void requireFree(List<Port> ports) {
        Map<Integer, Port> tcp = new HashMap<>();
        for (Port p : ports) {
            if (p.port() == 0) {
                continue; // any free port
            }
            if (!p.udp()) {
                Port other = tcp.putIfAbsent(p.port(), p);
                if (other != null) {
                    throw new IllegalArgumentException("port " + p.port() + " is set for both the " + other.purpose()
                            + " (" + other.setting() + ") and the " + p.purpose() + " (" + p.setting() + ")");
                }
            }
            bindFails(p).ifPresent(reason -> {
                throw new IllegalStateException(reason.contains("in use")
                        ? "port " + p.port() + " for the " + p.purpose() + " is in use on " + p.host()
                                + " (another fleet server or demo?): stop that program, or choose another port with "
                                + p.howToMove()
                        : "cannot listen on " + p.host() + ":" + p.port() + " for the " + p.purpose() + ": " + reason);
            });
        }
    }

    /** Why this port cannot be opened, or empty when it can. */
    private static Optional<String> bindFails(Port p) {
        InetSocketAddress address = new InetSocketAddress(p.host(), p.port());
        if (address.isUnresolved()) {
            return Optional.of("no such address " + p.host());
        }
        try {
            if (p.udp()) {
                try (DatagramSocket socket = new DatagramSocket(null)) {
                    socket.bind(address);
                }
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    // As the servers themselves bind: a port left in TIME_WAIT by a stopped server is free.
                    socket.setReuseAddress(true);
                    socket.bind(address);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
