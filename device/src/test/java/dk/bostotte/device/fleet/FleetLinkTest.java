package dk.bostotte.device.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.Command;
import dk.bostotte.protocol.message.CommandType;
import dk.bostotte.protocol.message.DeviceState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FleetLink} against a real MQTT 5 broker (mosquitto over plain TCP, when installed) and
 * against a port where nothing listens. TLS itself is covered by ConfigBundleTest.
 */
class FleetLinkTest {

    @TempDir
    Path tmp;

    private final DeviceId id = DeviceId.random(new SecureRandom());
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService agent = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private Process broker;
    private FleetLink link;

    @AfterEach
    void tearDown() {
        if (link != null) {
            link.stop(Duration.ofSeconds(2));
        }
        agent.shutdownNow();
        if (broker != null) {
            broker.destroy();
        }
    }

    private FleetLink link(int port) throws Exception {
        LinkConfig config = new LinkConfig(id, "tcp://127.0.0.1:" + port, new RecordingSocketFactory(), Duration.ofSeconds(5),
                "test-1", "rpi5-kiosk");
        link = new FleetLink(config, Clock.systemUTC(),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Math::random), agent, codec);
        link.start(new LinkListener() {
            @Override
            public void connected() {
                events.add("connected");
            }

            @Override
            public void disconnected() {
                events.add("disconnected");
            }

            @Override
            public void messageArrived(Channel channel, byte[] payload) {
                events.add(channel.name() + " " + new String(payload));
            }
        });
        return link;
    }

    @Test
    void keepsRetryingWithBackoffWhileNoBrokerListens() throws Exception {
        int port = freePort();
        FleetLink l = link(port);
        Thread.sleep(1500);
        assertFalse(l.isConnected());
        assertTrue(events.isEmpty());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> l.publish(Channel.STATE, DeviceState.online(Instant.now(), "x", "y")).get(5, TimeUnit.SECONDS));
        assertNotNull(e.getCause());
        assertTrue(sockets.size() >= 4, "several attempts within 1.5 s, got " + sockets.size());
    }

    @Test
    void birthCommandsLastWillAndReconnectAgainstARealBroker() throws Exception {
        int port = startBroker();
        Observer observer = new Observer(port);
        link(port);
        assertEquals("connected", events.poll(30, TimeUnit.SECONDS), () -> "broker log: " + brokerLog() + " sockets: " + sockets);
        assertEquals(DeviceState.State.ONLINE, observer.nextState().state(), "birth");

        Command cmd = new Command(1, "c-1", CommandType.REBOOT, Instant.now(), Instant.now().plusSeconds(60), Map.of());
        observer.client.publish(Topics.of(id, Channel.COMMAND), codec.encode(cmd), 1, false).waitForCompletion(5000);
        String arrived = events.poll(30, TimeUnit.SECONDS);
        assertTrue(arrived != null && arrived.startsWith("COMMAND ") && arrived.contains("\"c-1\""), arrived);

        // Pull the cable: the broker publishes the last will, the link comes back by itself.
        sockets.get(sockets.size() - 1).close();
        assertEquals(DeviceState.State.OFFLINE, observer.nextState().state(), "last will");
        assertEquals("disconnected", events.poll(30, TimeUnit.SECONDS));
        assertEquals("connected", events.poll(30, TimeUnit.SECONDS));
        assertEquals(DeviceState.State.ONLINE, observer.nextState().state());

        link.stop(Duration.ofSeconds(2));
        link = null;
        assertEquals(DeviceState.State.OFFLINE, observer.nextState().state(), "goodbye on a clean stop");
        observer.client.disconnect().waitForCompletion(5000);
        observer.client.close();
    }

    /** A second client watching the device's retained state. */
    private final class Observer {
        final MqttAsyncClient client;
        final BlockingQueue<byte[]> states = new LinkedBlockingQueue<>();

        Observer(int port) throws Exception {
            client = new MqttAsyncClient("tcp://127.0.0.1:" + port, "observer", new MemoryPersistence());
            // Paho 1.2.5's subscribe-with-listener overloads throw; the client callback works.
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    states.add(message.getPayload());
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            client.connect(new MqttConnectionOptions()).waitForCompletion(5000);
            client.subscribe(Topics.of(id, Channel.STATE), 1).waitForCompletion(5000);
        }

        DeviceState nextState() throws InterruptedException {
            byte[] p = states.poll(15, TimeUnit.SECONDS);
            assertNotNull(p, "no state message");
            return codec.decode(DeviceState.class, p).orThrow();
        }
    }

    private String brokerLog() {
        try {
            return Files.readString(tmp.resolve("mosquitto.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private int startBroker() throws Exception {
        Path mosquitto = Path.of("/usr/sbin/mosquitto");
        assumeTrue(Files.isExecutable(mosquitto), "mosquitto not installed");
        int port = freePort();
        Path conf = tmp.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        broker = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not start: " + Files.readString(tmp.resolve("mosquitto.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Plain sockets, remembered so the test can cut the connection as a network failure would. */
    private final class RecordingSocketFactory extends SocketFactory {
        private Socket keep(Socket s) {
            sockets.add(s);
            return s;
        }

        @Override
        public Socket createSocket() {
            return keep(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return keep(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return keep(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return keep(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return keep(new Socket(address, port, localAddress, localPort));
        }
    }
}
