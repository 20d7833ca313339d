package dk.bostotte.fleet.ingest;

import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;

/** An ingest over a real database: its own journal, a batch writer and the service, for one test. */
final class TestIngest implements AutoCloseable {

    final FleetMetrics metrics = new FleetMetrics();
    final MessageCodec codec = new MessageCodec();
    final DeviceId device = DeviceId.random(new SecureRandom());
    final Path journalDir;
    final IngestJournal journal;
    final BatchWriter writer;
    final IngestService service;
    private boolean closed;

    TestIngest(DSLContext dsl, Path journalDir) throws IOException {
        this.journalDir = journalDir;
        journal = new IngestJournal(journalDir, 100);
        writer = new BatchWriter(dsl, codec.mapper(), metrics, 100, Duration.ZERO, 1000, true, journal::committed);
        service = new IngestService(codec, journal, writer, metrics);
    }

    DeviceMessage message(Channel channel, ProtocolMessage m) {
        return message(channel, codec.encode(m));
    }

    DeviceMessage message(Channel channel, String payload) {
        return message(channel, payload.getBytes(StandardCharsets.UTF_8));
    }

    private DeviceMessage message(Channel channel, byte[] payload) {
        return new DeviceMessage(device, channel, payload, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    double counted(String name, String... tags) {
        var counter = metrics.registry().find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Stops the writer once what is queued is committed (its journal records too). */
    void drain() {
        writer.close();
    }

    /** Stops the writer, then the journal; a second call does nothing. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
            journal.close();
        }
    }
}
