package dk.bostotte.fleet;

import dk.bostotte.fleet.config.IngestConfig;
import dk.bostotte.fleet.ingest.BatchWriter;
import dk.bostotte.fleet.ingest.IngestJournal;
import dk.bostotte.fleet.ingest.IngestService;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.protocol.codec.MessageCodec;
import java.nio.file.Path;
import java.util.Deque;
import org.jooq.DSLContext;

/** The journal, the batch writer, presence (written through it) and the ingest, with what an earlier run left replayed. */
record IngestFeature(IngestService service, PresenceService presence) {

    static IngestFeature start(IngestConfig config, Path dataDir, DSLContext dsl, MessageCodec codec, FleetMetrics metrics,
                               Deque<AutoCloseable> toClose) throws Exception {
        IngestJournal journal = new IngestJournal(dataDir.resolve("ingest-journal"), config.journalSyncMillis());
        toClose.push(journal);
        BatchWriter writer = new BatchWriter(dsl, codec.mapper(), metrics, config.batchSize(), config.maxWait(),
                config.queueCapacity(), config.synchronousCommit(), journal::committed);
        toClose.push(writer);
        PresenceService presence = new PresenceService(writer);
        metrics.gauge("bostotte.devices.connected", "Devices connected to the broker now", presence::connectedDevices);
        IngestService ingest = new IngestService(codec, journal, writer, metrics);
        ingest.replayJournal();
        return new IngestFeature(ingest, presence);
    }
}
