package dk.bostotte.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A device's own network for tests: a network namespace joined to this host by a veth pair
 * ({@value #HOST_ADDRESS} here, {@value #DEVICE_ADDRESS} there), whose device side can be shaped
 * with {@code tc tbf} the way a poor line would be. Needs root and iproute2; {@link #available()}
 * says whether this machine can. ({@code netem} is missing from this kernel, so no delay emulation.)
 */
public final class ShapedLink implements AutoCloseable {

    public static final String HOST_ADDRESS = "10.77.0.1";
    public static final String DEVICE_ADDRESS = "10.77.0.2";

    private final String namespace;
    private final String hostSide;
    private final String deviceSide;

    private ShapedLink(String namespace, String hostSide, String deviceSide) {
        this.namespace = namespace;
        this.hostSide = hostSide;
        this.deviceSide = deviceSide;
    }

    public static boolean available() {
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip"));
        return ip && "root".equals(System.getProperty("user.name"));
    }

    public static ShapedLink create(String name) {
        String ns = "bt-" + name;
        String host = "bth-" + name;
        String device = "btd-" + name;
        // Left over from a killed run: start clean.
        run(false, "ip", "netns", "del", ns);
        run(false, "ip", "link", "del", host);
        run(true, "ip", "netns", "add", ns);
        run(true, "ip", "link", "add", host, "type", "veth", "peer", "name", device);
        run(true, "ip", "link", "set", device, "netns", ns);
        run(true, "ip", "addr", "add", HOST_ADDRESS + "/30", "dev", host);
        run(true, "ip", "link", "set", host, "up");
        run(true, "ip", "netns", "exec", ns, "ip", "addr", "add", DEVICE_ADDRESS + "/30", "dev", device);
        run(true, "ip", "netns", "exec", ns, "ip", "link", "set", device, "up");
        run(true, "ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        return new ShapedLink(ns, host, device);
    }

    /** Runs a command inside the device's network: prefix it with these words. */
    public List<String> prefix() {
        return List.of("ip", "netns", "exec", namespace);
    }

    /** Limits what the device sends to {@code kbit} kbit/s (token bucket; excess queues up to 100 ms, then drops). */
    public void shapeUplink(int kbit) {
        run(false, "ip", "netns", "exec", namespace, "tc", "qdisc", "del", "dev", deviceSide, "root");
        run(true, "ip", "netns", "exec", namespace, "tc", "qdisc", "add", "dev", deviceSide, "root", "tbf", "rate",
                kbit + "kbit", "burst", "16kb", "latency", "100ms");
    }

    /** Limits what reaches the device to {@code kbit} kbit/s (shaped on this host's side of the pair). */
    public void shapeDownlink(int kbit) {
        run(false, "tc", "qdisc", "del", "dev", hostSide, "root");
        run(true, "tc", "qdisc", "add", "dev", hostSide, "root", "tbf", "rate", kbit + "kbit", "burst", "32kb",
                "latency", "100ms");
    }

    /**
     * Loses {@code percent} % of the UDP packets the device sends to {@code port}, at random
     * (nftables {@code numgen}), as they arrive on this host's side of the pair: a real network
     * loss, which the device does not see when sending.
     */
    public void loseUdpUplink(int port, int percent) {
        String table = "bt_loss_" + hostSide.replace('-', '_');
        run(false, "nft", "delete", "table", "inet", table);
        if (percent <= 0) {
            return;
        }
        run(true, "nft", "add", "table", "inet", table);
        run(true, "nft", "add", "chain", "inet", table, "in", "{ type filter hook prerouting priority 0; }");
        run(true, "nft", "add", "rule", "inet", table, "in", "iifname", hostSide, "udp", "dport", Integer.toString(port),
                "numgen", "random", "mod", "100", "<", Integer.toString(percent), "drop");
    }

    public void unshape() {
        run(false, "ip", "netns", "exec", namespace, "tc", "qdisc", "del", "dev", deviceSide, "root");
        run(false, "tc", "qdisc", "del", "dev", hostSide, "root");
    }

    @Override
    public void close() {
        run(false, "nft", "delete", "table", "inet", "bt_loss_" + hostSide.replace('-', '_'));
        run(false, "ip", "netns", "del", namespace);
        run(false, "ip", "link", "del", hostSide);
    }

    private static void run(boolean mustSucceed, String... cmd) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || (mustSucceed && p.exitValue() != 0)) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.trim());
            }
        } catch (IOException e) {
            if (mustSucceed) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + e, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
