package dk.bostotte.systemtests;

import dk.bostotte.fleet.FleetServer;
import dk.bostotte.fleet.config.FleetConfig;
import dk.bostotte.fleet.devices.DeviceRegistration;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.provisioning.bundle.DeviceBundle;
import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.IssuedCredential;
import dk.bostotte.pki.ServerTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;

/**
 * One fleet on loopback for integration tests and benchmarks: a fleet CA, a fleet server on its
 * embedded PostgreSQL and HiveMQ, and helpers to enrol devices and run real device-agent processes.
 * Tests share one environment per class; it can restart the server on the same data.
 */
public final class FleetTestEnvironment implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "test-admin-password";

    private final Path root;
    private final FleetCa ca;
    private final int mqttPort;
    private final int httpPort;
    private final int deviceApiPort;
    private final Map<String, String> extraSettings;
    private FleetServer server;

    private FleetTestEnvironment(Path root, Map<String, String> extraSettings) {
        this.root = root;
        this.extraSettings = extraSettings;
        this.ca = FleetCa.create(root.resolve("pki"), "Bostøtte test fleet");
        // The shaped link's host address too, so a device in its own network namespace can verify the server.
        ServerTls.writeServerKeystore(ca, root.resolve("pki"), List.of("localhost"),
                List.of("127.0.0.1", ShapedLink.HOST_ADDRESS));
        this.mqttPort = FreePorts.next();
        this.httpPort = FreePorts.next();
        this.deviceApiPort = FreePorts.next();
    }

    private static FleetTestEnvironment shared;

    public static FleetTestEnvironment start() {
        return start(Map.of());
    }

    /**
     * The fleet shared by every test class that does not need a server of its own (one server per
     * test JVM, stopped when the JVM exits). Tests on it use their own devices, never shared ones.
     */
    public static synchronized FleetTestEnvironment shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-shared-fleet"));
        }
        return shared;
    }

    /** Starts a fleet whose server settings are the defaults plus {@code settings}. */
    public static FleetTestEnvironment start(Map<String, String> settings) {
        try {
            FleetTestEnvironment env = new FleetTestEnvironment(Files.createTempDirectory("fleet-it-"), settings);
            env.startServer();
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void startServer() {
        if (server != null) {
            return;
        }
        Map<String, String> s = new HashMap<>(Map.of(
                "data.dir", root.resolve("data").toString(), "pki.dir", root.resolve("pki").toString(),
                "http.host", "127.0.0.1", "http.port", Integer.toString(httpPort),
                "mqtt.host", "127.0.0.1", "mqtt.port", Integer.toString(mqttPort),
                "demo.accounts", "true", "demo.password", ADMIN_PASSWORD));
        // Calls that are not answered or do not connect end sooner than in production, so tests stay short.
        s.put("call.ring.timeout.s", "8");
        s.put("call.connect.timeout.s", "10");
        s.put("device.api.port", Integer.toString(deviceApiPort));
        // No tile server in tests: the coverage map must still show its markers.
        s.put("coverage.tiles.url", "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png");
        // Alerts are checked by the tests themselves (server().alerts().check()), and raised at once.
        s.put("alert.check.every.s", "86400");
        s.put("alert.raise.after.minutes", "0");
        s.put("alert.verdict.recent.minutes", "30");
        // Expiry and resends of commands are looked at every second, so the tests need not wait.
        s.put("command.sweep.every.s", "1");
        s.putAll(extraSettings);
        try {
            server = FleetServer.start(FleetConfig.load(Optional.empty(), s, Map.of()));
        } catch (Exception e) {
            throw new IllegalStateException("fleet server did not start", e);
        }
    }

    public void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public FleetServer server() {
        return server;
    }

    public FleetHttp http() {
        return new FleetHttp(httpUrl());
    }

    /** Writes samples for {@code device} straight into the telemetry table, seq from {@code firstSeq}. */
    public StoredSamples samples(DeviceId device, long firstSeq) {
        return new StoredSamples(db(), device, firstSeq);
    }

    public DSLContext db() {
        return server.database().dsl();
    }

    public FleetCa ca() {
        return ca;
    }

    public Path root() {
        return root;
    }

    public int mqttPort() {
        return mqttPort;
    }

    public int deviceApiPort() {
        return deviceApiPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** An enrolled device: its id, credential and config bundle directory. */
    public record EnrolledDevice(DeviceId id, IssuedCredential credential, Path bundleDir) {
    }

    /** Issues a certificate, registers the device in the inventory and writes its config bundle. */
    public EnrolledDevice enroll(String model, String serial) {
        return enroll(model, serial, "127.0.0.1");
    }

    /** Enrols a device that reaches the server at {@code serverHost} (e.g. across a {@link ShapedLink}). */
    public EnrolledDevice enroll(String model, String serial, String serverHost) {
        DeviceId id = DeviceId.random(new SecureRandom());
        IssuedCredential cred = ca.issueDevice(id, Duration.ofDays(365));
        server.registry().register(new DeviceRegistration(id.value(), model, serial, cred.fingerprint(),
                cred.certificate().getNotAfter().toInstant()));
        Path dir = root.resolve("devices").resolve(id.value());
        new DeviceBundle(id, model, serial, serverHost, mqttPort, httpPort, deviceApiPort, "pw-" + id.value())
                .write(dir, cred);
        return new EnrolledDevice(id, cred, dir);
    }

    /** Starts the real device agent in its own JVM, as it runs on a kiosk. */
    public DeviceProcess startDevice(EnrolledDevice device, String... extraArgs) {
        return DeviceProcess.start(device.bundleDir(), root.resolve("device-state").resolve(device.id().value()),
                root.resolve("logs"), extraArgs);
    }

    /**
     * Adds a citizen with {@code device} on loan, assigned to the account {@code worker} (null: nobody),
     * through the admin API as an administrator would.
     */
    public long addCitizen(String name, String worker, DeviceId device) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", name);
        body.put("postcode", "8000");
        body.put("assignedTo", worker);
        body.put("deviceId", device == null ? null : device.value());
        return FleetHttp.createdId(http().postJson("/api/citizens", "admin", ADMIN_PASSWORD, body), "adding citizen " + name);
    }

    /** Adds a console account through the admin API; its password is {@link #ADMIN_PASSWORD}. Returns its id. */
    public long addUser(String username, String displayName, String role, String team) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("displayName", displayName);
        body.put("role", role);
        body.put("team", team);
        body.put("password", ADMIN_PASSWORD);
        return FleetHttp.createdId(http().postJson("/api/users", "admin", ADMIN_PASSWORD, body), "adding user " + username);
    }

    /** Starts the device agent behind {@code prefix} (for example {@code env DISPLAY=:97}). */
    public DeviceProcess startDevice(List<String> prefix, EnrolledDevice device, String... extraArgs) {
        return DeviceProcess.start(prefix, device.bundleDir(),
                root.resolve("device-state").resolve(device.id().value()), root.resolve("logs"), extraArgs);
    }

    /** Starts the device agent inside {@code link}'s network namespace. */
    public DeviceProcess startDevice(ShapedLink link, EnrolledDevice device, String... extraArgs) {
        return DeviceProcess.start(link.prefix(), device.bundleDir(),
                root.resolve("device-state").resolve(device.id().value()), root.resolve("logs"), extraArgs);
    }

    /** Polls until {@code condition} holds; fails with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /**
     * Stops the server and deletes its database (about 50 MB, which every test class and benchmark
     * run left in /tmp); the logs, certificates and device bundles stay for reading after a failure.
     */
    @Override
    public void close() {
        stopServer();
        Path data = root.resolve("data");
        if (Files.isDirectory(data)) {
            try (var paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("test fleet data not deleted: " + data + ": " + e);
            }
        }
    }
}
