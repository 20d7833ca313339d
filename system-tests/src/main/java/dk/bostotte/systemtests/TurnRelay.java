package dk.bostotte.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real coturn TURN server on loopback, checking the TURN REST credentials the fleet hands out
 * ({@code use-auth-secret} with the fleet's secret), relaying on 127.0.0.1 only. Started with
 * {@link #start(String)}, stopped by {@link #close()}; its log tells which users were allocated a relay.
 */
public final class TurnRelay implements AutoCloseable {

    /** The Debian package {@code coturn}'s server. */
    public static final Path TURNSERVER = Path.of("/usr/bin/turnserver");

    private final Process process;
    private final Path dir;
    private final int port;

    private TurnRelay(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(TURNSERVER);
    }

    public static TurnRelay start(String sharedSecret) {
        try {
            Path dir = Files.createTempDirectory("coturn-");
            int port = FreePorts.next();
            int relayFrom = 40_000 + ThreadLocalRandom.current().nextInt(20_000);
            List<String> command = new ArrayList<>(List.of(TURNSERVER.toString(), "-n", "--use-auth-secret",
                    "--static-auth-secret=" + sharedSecret, "--realm=bostotte.test",
                    "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                    "--min-port=" + relayFrom, "--max-port=" + (relayFrom + 200),
                    // Both peers are on this machine: coturn refuses loopback peers unless told.
                    "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-cli", "--no-software-attribute",
                    "--db=" + dir.resolve("turndb"), "--pidfile=" + dir.resolve("turnserver.pid"),
                    "--log-file=" + dir.resolve("turn.log"), "--simple-log", "--verbose"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            TurnRelay relay = new TurnRelay(p, dir, port);
            try {
                FleetTestEnvironment.await("coturn answering STUN on 127.0.0.1:" + port, Duration.ofSeconds(15),
                        relay::answersStun);
            } catch (RuntimeException | Error e) {
                relay.close();
                throw new IllegalStateException("coturn did not start: " + relay.log(), e);
            }
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL as the fleet's {@code call.turn.urls} takes it. */
    public String url() {
        return "turn:127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** coturn's own log so far. */
    public String log() {
        try {
            Path log = dir.resolve("turn.log");
            return Files.exists(log) ? Files.readString(log) : Files.readString(dir.resolve("stdout.log"));
        } catch (IOException e) {
            return "(no coturn log: " + e + ")";
        }
    }

    /**
     * Lines where coturn granted a relay allocation to {@code userSuffix} (the part after the
     * expiry in a TURN REST user name): proof that it accepted that participant's credential.
     */
    public List<String> allocationsFor(String userSuffix) {
        return log().lines().filter(l -> l.contains("ALLOCATE processed, success"))
                .filter(l -> l.matches(".*user <\\d+:" + Pattern.quote(userSuffix) + ">.*")).toList();
    }

    /** One STUN binding request; true when coturn answers with a binding success. */
    private boolean answersStun() {
        if (!process.isAlive()) {
            throw new IllegalStateException("coturn exited with " + process.exitValue());
        }
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(300);
            ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                    .putInt(0x2112A442).putLong(ThreadLocalRandom.current().nextLong()).putInt(1);
            socket.send(new DatagramPacket(request.array(), 20, InetAddress.getLoopbackAddress(), port));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            return reply.getLength() >= 20 && (ByteBuffer.wrap(reply.getData()).getShort() & 0xffff) == 0x0101;
        } catch (SocketTimeoutException notYet) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
