package dk.bostotte.fleet.deviceapi;

import dk.bostotte.protocol.DeviceApi;
import dk.bostotte.fleet.broker.auth.AccessDecision;
import dk.bostotte.fleet.broker.auth.AccessPolicy;
import dk.bostotte.fleet.commands.LogBundles;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.netq.PerDeviceAllowance;
import dk.bostotte.pki.CertificateRole;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices' own HTTPS endpoint, for throughput tests (netq) and diagnostics bundles (commands):
 * a transport of its own beside the MQTT broker. Mutual TLS with the device certificate,
 * admitted by the same {@link AccessPolicy} as the broker (issued by the fleet CA, enrolled, not
 * revoked), so nothing that is not an enrolled device gets a byte. Download and upload are each at
 * most {@value #MAX_TRANSFER} bytes a request and {@value #BYTES_PER_HOUR} bytes per device an hour.
 */
public final class DeviceApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceApiServer.class);
    static final int MAX_TRANSFER = 25_000_000;
    static final long BYTES_PER_HOUR = 200_000_000L;
    /** Incompressible content, so no compression on the path can flatter the line. */
    private static final Buffer NOISE;

    static {
        byte[] b = new byte[64 * 1024];
        new SecureRandom().nextBytes(b);
        NOISE = Buffer.buffer(b);
    }

    private final Vertx vertx;
    private final AccessPolicy policy;
    private final FleetMetrics metrics;
    private final PerDeviceAllowance hourly = new PerDeviceAllowance(3_600_000, BYTES_PER_HOUR, System::currentTimeMillis);
    private HttpServer server;

    private final LogBundles logBundles;

    public DeviceApiServer(Vertx vertx, AccessPolicy policy, FleetMetrics metrics, LogBundles logBundles) {
        this.vertx = vertx;
        this.policy = policy;
        this.metrics = metrics;
        this.logBundles = logBundles;
    }

    public int start(String host, int port, Path serverKeystore, char[] keystorePassword, Path fleetCaPem) {
        Router router = Router.router(vertx);
        router.get(DeviceApi.THROUGHPUT_DOWNLOAD).handler(this::download);
        router.post(DeviceApi.THROUGHPUT_UPLOAD).handler(this::upload);
        router.post(DeviceApi.LOGS).handler(BodyHandler.create(false)
                .setBodyLimit(LogBundles.MAX_BYTES)).handler(this::logs);
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404).end("no such device endpoint\n"));
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setClientAuth(ClientAuth.REQUIRED)
                .setKeyCertOptions(new PfxOptions().setPath(serverKeystore.toString()).setPassword(new String(keystorePassword)))
                .setTrustOptions(new PemTrustOptions().addCertPath(fleetCaPem.toString()));
        server = vertx.createHttpServer(options).requestHandler(router).listen(port, host).await();
        log.info("device API (throughput tests, log bundles) on https://{}:{}/", host, server.actualPort());
        return server.actualPort();
    }

    /** The enrolled device behind this request's client certificate, or empty after answering 403. */
    private Optional<String> device(RoutingContext ctx) {
        try {
            List<Certificate> chain = ctx.request().connection().peerCertificates();
            if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate cert) {
                String cn = CertificateRole.commonName(cert).orElse("");
                if (policy.decide(cn, Optional.of(cert)) instanceof AccessDecision.Granted g
                        && g.role() == AccessDecision.Role.DEVICE) {
                    return Optional.of(cn);
                }
            }
        } catch (Exception e) {
            log.debug("device API: no usable client certificate: {}", e.toString());
        }
        metrics.throughputRefused("not_an_enrolled_device");
        ctx.response().setStatusCode(403).end("only enrolled devices\n");
        return Optional.empty();
    }

    /** A diagnostics bundle for a collect-logs command of this device. */
    private void logs(RoutingContext ctx) {
        Optional<String> device = device(ctx);
        if (device.isEmpty()) {
            return;
        }
        byte[] zip = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String command = ctx.queryParams().get(DeviceApi.COMMAND);
        vertx.executeBlocking(() -> logBundles.store(device.get(), command, zip)).onSuccess(b -> {
            log.info("log bundle {} ({} bytes) from {} for command {}", b.id(), b.sizeBytes(), device.get(), command);
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end("{\"bundle\":\"" + b.id() + "\"}");
        }).onFailure(e -> {
            if (e instanceof LogBundles.Refused r) {
                metrics.logBundleRefused();
                ctx.response().setStatusCode(r.status()).end(r.getMessage() + "\n");
            } else {
                log.warn("log bundle from {} not stored: {}", device.get(), e.toString());
                ctx.response().setStatusCode(500).end("not stored\n");
            }
        });
    }

    private boolean withinBudget(String device, long bytes, RoutingContext ctx) {
        if (hourly.take(device, bytes)) {
            return true;
        }
        metrics.throughputRefused("rate_limited");
        ctx.response().setStatusCode(429).putHeader("Retry-After", "3600").end("measurement budget spent\n");
        return false;
    }

    private void download(RoutingContext ctx) {
        Optional<String> device = device(ctx);
        if (device.isEmpty()) {
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(ctx.queryParams().get(DeviceApi.BYTES));
        } catch (NumberFormatException e) {
            ctx.response().setStatusCode(400).end("bytes must be a whole number\n");
            return;
        }
        if (bytes < 1 || bytes > MAX_TRANSFER) {
            ctx.response().setStatusCode(400).end("bytes must be between 1 and " + MAX_TRANSFER + "\n");
            return;
        }
        if (!withinBudget(device.get(), bytes, ctx)) {
            return;
        }
        var response = ctx.response().putHeader("Content-Type", "application/octet-stream")
                .putHeader("Content-Length", Long.toString(bytes)).putHeader("Cache-Control", "no-store");
        send(response, bytes);
    }

    /** Writes {@code left} bytes, waiting for the socket to drain rather than buffering the whole transfer. */
    private void send(HttpServerResponse response, long left) {
        while (left > 0 && !response.writeQueueFull()) {
            int n = (int) Math.min(left, NOISE.length());
            response.write(n == NOISE.length() ? NOISE : NOISE.getBuffer(0, n));
            left -= n;
        }
        if (left == 0) {
            response.end();
            return;
        }
        long remaining = left;
        response.drainHandler(v -> send(response, remaining));
    }

    private void upload(RoutingContext ctx) {
        Optional<String> device = device(ctx);
        if (device.isEmpty()) {
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(Optional.ofNullable(ctx.request().getHeader("Content-Length")).orElse("-1"));
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared < 1 || declared > MAX_TRANSFER) {
            ctx.response().setStatusCode(400).end("Content-Length must be between 1 and " + MAX_TRANSFER + "\n");
            return;
        }
        if (!withinBudget(device.get(), declared, ctx)) {
            return;
        }
        long start = System.nanoTime();
        long[] received = {0};
        ctx.request().handler(chunk -> received[0] += chunk.length());
        ctx.request().endHandler(v -> ctx.response().putHeader("Content-Type", "application/json")
                .end("{\"bytes\":" + received[0] + ",\"seconds\":" + (System.nanoTime() - start) / 1e9 + "}"));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().await();
        }
    }
}
