package dk.bostotte.systemtests.bench;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.Topics;
import dk.bostotte.protocol.message.TelemetryBatch;
import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.IssuedCredential;
import dk.bostotte.pki.ServerTls;
import dk.bostotte.systemtests.FleetHttp;
import dk.bostotte.systemtests.FreePorts;
import dk.bostotte.systemtests.TestMqttClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench ingest}: N simulated devices at R samples/s each against the fleet server (its own
 * process, embedded PostgreSQL), then the same load against Debian's Mosquitto routing to one
 * subscriber, as the baseline.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Telemetry ingest throughput and latency.")
final class IngestBench implements Callable<Integer> {

    @Option(names = "--devices", defaultValue = "1000") int devices;
    @Option(names = "--rate", defaultValue = "20", description = "Samples per second per device.") int rate;
    @Option(names = "--publish-every-s", defaultValue = "1",
            description = "Seconds between one device's publishes (each carries rate x this many samples).") int publishEvery;
    @Option(names = "--seconds", defaultValue = "30") int seconds;
    @Option(names = "--warmup", defaultValue = "5") int warmup;

    private static final String PASSWORD = "bench-admin-password";

    /** {@code lag*Ms}: receive → commit on the server; {@code batchP99Ms}: one ingest transaction. */
    record Run(PacedTelemetryLoad.Outcome load, double cpuCores, long rssBytes, double extra, double lagP50Ms, double lagP99Ms,
               double batchP99Ms, double batchMaxMs) {
    }

    @Override
    public Integer call() throws Exception {
        if (publishEvery < 1 || rate < 1 || devices < 1 || (long) rate * publishEvery > TelemetryBatch.MAX_SAMPLES) {
            System.err.printf(Locale.ROOT, "bench ingest: --devices, --rate and --publish-every-s must be at least 1, and "
                    + "rate x publish-every-s at most %d samples a batch%n", TelemetryBatch.MAX_SAMPLES);
            return 2;
        }
        Path root = Files.createTempDirectory("bench-ingest-");
        Path pki = root.resolve("data/pki");
        FleetCa ca = FleetCa.create(pki, "Bench fleet");
        ServerTls.writeServerKeystore(ca, pki, List.of("localhost"), List.of("127.0.0.1"));
        System.out.printf(Locale.ROOT, "bench ingest: %d devices x %d samples/s, one publish each every %d s, for %d s "
                + "(offered %d samples/s in %d publishes/s)%n", devices, rate, publishEvery, seconds, devices * rate,
                devices / publishEvery);
        List<DeviceId> ids = IntStream.range(0, devices).mapToObj(i -> DeviceId.random(new SecureRandom())).toList();
        List<IssuedCredential> creds = ids.parallelStream().map(id -> ca.issueDevice(id, Duration.ofDays(2))).toList();

        Run fleet = runFleet(root, ca, ids, creds);
        Run mosquitto = runMosquitto(root, ca, ids, creds);

        double persisted = fleet.load().samplesPerSecond();
        // The PUBACK comes once the message is journaled; the row follows when the writer commits.
        // Publish-to-row p99 is bounded by the sum of the two p99s.
        double rowP99 = fleet.load().latency().percentileMs(99) + fleet.lagP99Ms();
        double routed = mosquitto.load().samplesPerSecond();
        System.out.printf(Locale.ROOT, "%nfleet server: %.0f samples/s acknowledged (%d rows stored by the end), publish->PUBACK "
                        + "p50 %.1f ms p99 %.1f ms, receive->commit p50 <= %.0f ms p99 <= %.0f ms (one transaction p99 <= %.0f ms, "
                + "slowest of the last minutes %.0f ms), "
                + "CPU %.2f cores, RSS %d MB, failed publishes %d%n",
                persisted, (long) fleet.extra(), fleet.load().latency().percentileMs(50),
                fleet.load().latency().percentileMs(99), fleet.lagP50Ms(), fleet.lagP99Ms(), fleet.batchP99Ms(), fleet.batchMaxMs(),
                fleet.cpuCores(), fleet.rssBytes() >> 20,
                fleet.load().failedPublishes());
        System.out.printf(Locale.ROOT, "mosquitto:    %.0f samples/s routed (%d messages delivered to the subscriber), p50 %.1f ms, "
                        + "p99 %.1f ms, CPU %.2f cores, RSS %d MB%n", routed, (long) mosquitto.extra(),
                mosquitto.load().latency().percentileMs(50), mosquitto.load().latency().percentileMs(99),
                mosquitto.cpuCores(), mosquitto.rssBytes() >> 20);
        System.out.printf(Locale.ROOT, "devices=%d rate=%d publish_every_s=%d offered_per_s=%d persisted_per_s=%.0f puback_p50_ms=%.1f p99_ms=%.1f "
                        + "server_cpu_cores=%.2f server_rss_mb=%d mosquitto_per_s=%.0f mosquitto_p99_ms=%.1f "
                        + "mosquitto_ratio=%.2f cpu_ratio=%.2f failed=%d%n",
                devices, rate, publishEvery, devices * rate, persisted, fleet.load().latency().percentileMs(50),
                rowP99, fleet.cpuCores(), fleet.rssBytes() >> 20, routed,
                mosquitto.load().latency().percentileMs(99), persisted / routed,
                fleet.cpuCores() / Math.max(0.01, mosquitto.cpuCores()), fleet.load().failedPublishes());
        return 0;
    }

    private Run runFleet(Path root, FleetCa ca, List<DeviceId> ids, List<IssuedCredential> creds) throws Exception {
        int http = FreePorts.next();
        int mqtt = FreePorts.next();
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx1g"));
        // e.g. BENCH_SERVER_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/server.jfr,settings=profile"
        String extra = System.getenv().getOrDefault("BENCH_SERVER_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dk.bostotte.fleet.FleetServerMain",
                "--data", root.resolve("data").toString(), "--http-port", Integer.toString(http),
                "--mqtt-port", Integer.toString(mqtt)));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(root.resolve("server.log").toFile());
        pb.environment().put("BOSTOTTE_DEMO_ACCOUNTS", "true");
        pb.environment().put("BOSTOTTE_DEMO_PASSWORD", PASSWORD);
        pb.environment().put("BOSTOTTE_HTTP_HOST", "127.0.0.1");
        pb.environment().put("BOSTOTTE_MQTT_HOST", "127.0.0.1");
        Process server = pb.start();
        try {
            FleetHttp api = new FleetHttp("http://127.0.0.1:" + http);
            waitUntil(() -> {
                try {
                    return api.get("/health", null, null).statusCode() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            }, 120, "fleet server health (log: " + root.resolve("server.log") + ")");
            register(api, ids, creds);
            List<Mqtt5AsyncClient> clients = connect(ids, creds, ca, mqtt);
            double cpu0 = ProcessStats.cpuSeconds(server.pid());
            long t0 = System.nanoTime();
            // The lag histogram is scraped when the measured window opens and when it closes, so the
            // p99 covers exactly the window, not the warm-up.
            AtomicReference<String> atWindowStart = new AtomicReference<>();
            ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
            scraper.schedule(() -> atWindowStart.set(api.get("/metrics", "admin", PASSWORD).body()), warmup, TimeUnit.SECONDS);
            PacedTelemetryLoad.Outcome outcome = new PacedTelemetryLoad(clients, ids, rate, publishEvery).run(warmup, seconds);
            scraper.shutdown();
            double cores = (ProcessStats.cpuSeconds(server.pid()) - cpu0) / ((System.nanoTime() - t0) / 1e9);
            long rss = ProcessStats.rssBytes(server.pid());
            String metrics = api.get("/metrics", "admin", PASSWORD).body();
            double stored = metric(metrics, "bostotte_telemetry_samples_stored_total");
            String before = atWindowStart.get();
            disconnect(clients);
            return new Run(outcome, cores, rss, stored,
                    WindowHistogram.percentileMs(WindowHistogram.INGEST_LAG, 0.5, before, metrics),
                    WindowHistogram.percentileMs(WindowHistogram.INGEST_LAG, 0.99, before, metrics),
                    WindowHistogram.percentileMs(WindowHistogram.BATCH_DURATION, 0.99, before, metrics),
                    metric(metrics, WindowHistogram.BATCH_DURATION + "_max") * 1000);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Run runMosquitto(Path root, FleetCa ca, List<DeviceId> ids, List<IssuedCredential> creds) throws Exception {
        int port = FreePorts.next();
        Path dir = Files.createDirectories(root.resolve("mosquitto"));
        IssuedCredential server = ca.issueServer(List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(2));
        server.writePem(dir.resolve("server.key"), dir.resolve("server.crt"));
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "user root", "per_listener_settings false", "allow_anonymous true", "persistence false",
                "max_queued_messages 100000", "log_type error", "listener " + port + " 127.0.0.1",
                "cafile " + ca.directory().resolve(FleetCa.CA_CERT), "certfile " + dir.resolve("server.crt"),
                "keyfile " + dir.resolve("server.key"), "require_certificate true", "use_identity_as_username true", ""));
        Process mosquitto = new ProcessBuilder(mosquittoBin(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        try {
            Thread.sleep(500);
            IssuedCredential op = ca.issueOperator("bench", Duration.ofDays(2));
            Mqtt5AsyncClient subscriber = TestMqttClients.async("operator-bench", port,
                    TestMqttClients.tls(Optional.of(op), ca.certificate()));
            subscriber.connect().get(30, TimeUnit.SECONDS);
            AtomicLong delivered = new AtomicLong();
            subscriber.subscribeWith().topicFilter(Topics.allDevices(Channel.TELEMETRY)).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> delivered.incrementAndGet()).send().get(10, TimeUnit.SECONDS);
            List<Mqtt5AsyncClient> clients = connect(ids, creds, ca, port);
            double cpu0 = ProcessStats.cpuSeconds(mosquitto.pid());
            long t0 = System.nanoTime();
            PacedTelemetryLoad.Outcome outcome = new PacedTelemetryLoad(clients, ids, rate, publishEvery).run(warmup, seconds);
            double cores = (ProcessStats.cpuSeconds(mosquitto.pid()) - cpu0) / ((System.nanoTime() - t0) / 1e9);
            long rss = ProcessStats.rssBytes(mosquitto.pid());
            disconnect(clients);
            subscriber.disconnect();
            return new Run(outcome, cores, rss, delivered.get(), 0, 0, 0, 0);
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void register(FleetHttp api, List<DeviceId> ids, List<IssuedCredential> creds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                int n = i;
                all.add(CompletableFuture.runAsync(() -> {
                    String body = String.format(Locale.ROOT,
                            "{\"id\":\"%s\",\"model\":\"bench\",\"serial\":\"B-%d\",\"certFingerprint\":\"%s\"}",
                            ids.get(n), n, creds.get(n).fingerprint());
                    var r = api.post("/api/devices", "admin", PASSWORD, body);
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("register " + ids.get(n) + ": " + r.statusCode() + " " + r.body());
                    }
                }, pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        } finally {
            pool.shutdown();
        }
    }

    private static List<Mqtt5AsyncClient> connect(List<DeviceId> ids, List<IssuedCredential> creds, FleetCa ca, int port)
            throws Exception {
        Semaphore inFlight = new Semaphore(64); // a connect storm of 10 000 TLS handshakes, but bounded
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            MqttClientSslConfig tls = TestMqttClients.tls(Optional.of(creds.get(i)), ca.certificate());
            Mqtt5AsyncClient c = TestMqttClients.async(ids.get(i).value(), port, tls);
            clients.add(c);
            inFlight.acquire();
            all.add(c.connectWith().keepAlive(60).send().whenComplete((a, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        return clients;
    }

    private static void disconnect(List<Mqtt5AsyncClient> clients) {
        clients.forEach(c -> c.disconnect());
    }

    private static double metric(String body, String name) {
        Matcher m = Pattern.compile("^" + name + "(?:\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static void waitUntil(BooleanSupplier ok, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String mosquittoBin() {
        return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    }
}
