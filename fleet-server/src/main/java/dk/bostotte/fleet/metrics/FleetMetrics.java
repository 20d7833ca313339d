package dk.bostotte.fleet.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** The server's metrics, named once here, scraped at /metrics in Prometheus format. */
public final class FleetMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchRows;
    private final Timer ingestLag;
    private final Timer batchDuration;
    private final Counter samplesStored;

    /** Fine enough under a second that "p99 < 1 s" can be read off them to within 100 ms. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(400), Duration.ofMillis(500),
        Duration.ofMillis(600), Duration.ofMillis(700), Duration.ofMillis(800), Duration.ofMillis(900), Duration.ofSeconds(1),
        Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    public FleetMetrics() {
        batchRows = DistributionSummary.builder("bostotte.ingest.batch.rows")
                .description("Rows written per database transaction of the ingest").publishPercentiles(0.5, 0.99)
                .register(registry);
        // Buckets as well as percentiles: a scraper can compute the lag over exactly its own window.
        ingestLag = Timer.builder("bostotte.ingest.lag").description("Time from the broker receiving a message to its commit")
                .publishPercentiles(0.5, 0.99)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        batchDuration = Timer.builder("bostotte.ingest.batch.duration")
                .description("Time to write and commit one ingest transaction").publishPercentiles(0.5, 0.99)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        samplesStored = Counter.builder("bostotte.telemetry.samples.stored")
                .description("Telemetry samples written (duplicates not counted)").register(registry);
    }

    public void messageIn(String channel) {
        registry.counter("bostotte.mqtt.messages.in", "channel", channel).increment();
    }

    public void messageRejected(String reason) {
        registry.counter("bostotte.mqtt.messages.rejected", "reason", reason).increment();
    }

    /** A message the ingest could not take now; the device was told to send it again later. */
    public void messageDeferred() {
        registry.counter("bostotte.mqtt.messages.deferred").increment();
    }

    public void accessRefused(String what) {
        registry.counter("bostotte.mqtt.access.refused", "what", what).increment();
    }

    /** A call a console asked for but was not allowed to make. */
    public void callRefused() {
        registry.counter("bostotte.calls.refused").increment();
    }

    public void callEnded(String outcome) {
        registry.counter("bostotte.calls.ended", "outcome", outcome).increment();
    }

    /** A console's call request that could not be read. */
    public void consoleRequestRejected(String reason) {
        registry.counter("bostotte.calls.console.rejected", "reason", reason).increment();
    }

    public void echoAnswered() {
        registry.counter("bostotte.netq.echo.answered").increment();
    }

    /** A latency-probe packet the echo responder did not answer, by reason. */
    public void echoRefused(String reason) {
        registry.counter("bostotte.netq.echo.refused", "reason", reason).increment();
    }

    /** A throughput-test request the device API refused, by reason. */
    public void throughputRefused(String reason) {
        registry.counter("bostotte.netq.throughput.refused", "reason", reason).increment();
    }

    public void logBundleRefused() {
        registry.counter("bostotte.log.bundles.refused").increment();
    }

    public void alertRaised(String kind) {
        registry.counter("bostotte.alerts.raised", "kind", kind).increment();
    }

    public void batchWritten(int rows, Duration took) {
        batchRows.record(rows);
        batchDuration.record(took);
    }

    public void ingestLag(Duration lag) {
        ingestLag.record(lag);
    }

    public void samplesStored(int n) {
        samplesStored.increment(n);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }
}
