package dk.bostotte.fleet.ingest;

import dk.bostotte.fleet.broker.DeviceMessage;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's write-ahead journal of what devices published. A message is written here (one
 * {@code write}, into the OS page cache) before the broker acknowledges it, so a crash of the
 * server process loses nothing: at the next start every record not yet committed to PostgreSQL is
 * replayed. The journal is forced to disk every {@code syncInterval}, which bounds what a power cut
 * of the server host can take. Segments whose records are all committed are deleted.
 *
 * <p>Record: length (int), CRC-32 of the rest (int), seq (long), received-at millis (long), device id,
 * channel suffix (each a short length + UTF-8), payload. A torn record at the end is ignored.
 */
public final class IngestJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestJournal.class);
    private static final long SEGMENT_BYTES = 64L * 1024 * 1024;

    private record Segment(Path file, long firstSeq) {
    }

    /** A replayed record: its sequence number and the message as the broker received it. */
    public record Entry(long seq, DeviceMessage message) {
    }

    private final Path dir;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final List<Entry> recovered;
    private final ScheduledExecutorService syncer;
    private FileChannel current;
    private long nextSeq;
    private volatile long committedSeq;
    private boolean dirty;

    public IngestJournal(Path dir, long syncIntervalMillis) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.recovered = readAll();
        long last = recovered.isEmpty() ? 0 : recovered.get(recovered.size() - 1).seq();
        this.nextSeq = Math.max(last, segments.isEmpty() ? 0 : segments.peekLast().firstSeq()) + 1;
        this.committedSeq = recovered.isEmpty() ? nextSeq - 1 : recovered.get(0).seq() - 1;
        // Recovered segments are replayed from memory; new records always go to a fresh segment.
        nextSegment(nextSeq);
        syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-journal-sync");
            t.setDaemon(true);
            return t;
        });
        syncer.scheduleWithFixedDelay(this::sync, syncIntervalMillis, syncIntervalMillis, TimeUnit.MILLISECONDS);
        if (!recovered.isEmpty()) {
            log.warn("ingest journal holds {} messages not yet in the database; replaying them", recovered.size());
        }
    }

    /** What an earlier run acknowledged but had not committed; hand it to the writer before anything new. */
    public List<Entry> recovered() {
        return recovered;
    }

    /** Appends a message and returns its sequence number. Not forced to disk; see the class comment. */
    public synchronized long append(DeviceMessage m) {
        long seq = nextSeq++;
        byte[] device = m.device().value().getBytes(StandardCharsets.UTF_8);
        byte[] channel = m.channel().suffix().getBytes(StandardCharsets.UTF_8);
        int bodyLength = 8 + 8 + 2 + device.length + 2 + channel.length + m.payload().length;
        ByteBuffer b = ByteBuffer.allocate(8 + bodyLength);
        b.putInt(bodyLength).putInt(0).putLong(seq).putLong(m.receivedAt().toEpochMilli())
                .putShort((short) device.length).put(device).putShort((short) channel.length).put(channel).put(m.payload());
        CRC32 crc = new CRC32();
        crc.update(b.array(), 8, bodyLength);
        b.putInt(4, (int) crc.getValue());
        b.flip();
        try {
            while (b.hasRemaining()) {
                current.write(b);
            }
            dirty = true;
            if (current.size() > SEGMENT_BYTES) {
                current.force(false);
                current.close();
                nextSegment(seq + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ingest journal write failed", e);
        }
        return seq;
    }

    /** Everything up to and including {@code seq} is committed to the database. */
    public synchronized void committed(long seq) {
        if (seq <= committedSeq) {
            return;
        }
        committedSeq = seq;
        // A closed segment is deletable once the segment after it starts at or below committed + 1.
        while (segments.size() > 1) {
            Segment oldest = segments.peekFirst();
            Segment next = segments.stream().skip(1).findFirst().orElseThrow();
            if (next.firstSeq() - 1 > committedSeq) {
                break;
            }
            segments.pollFirst();
            deleteQuietly(oldest.file());
        }
    }

    private void sync() {
        FileChannel segment;
        synchronized (this) {
            if (!dirty) {
                return;
            }
            dirty = false;
            segment = current;
        }
        // Forced outside the lock so appends (and so PUBACKs) never wait for the disk.
        try {
            segment.force(false);
        } catch (ClosedChannelException e) {
            // append() rolled to a new segment meanwhile, and forced this one as it closed it.
        } catch (IOException e) {
            log.warn("ingest journal sync failed: {}", e.toString());
        }
    }

    private void nextSegment(long firstSeq) throws IOException {
        Path file = dir.resolve(String.format("ingest-%019d.log", firstSeq));
        current = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segments.addLast(new Segment(file, firstSeq));
    }

    private List<Entry> readAll() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("ingest-\\d{19}\\.log")).sorted().toList();
        }
        List<Entry> entries = new ArrayList<>();
        for (Path f : files) {
            segments.addLast(new Segment(f, Long.parseLong(f.getFileName().toString().substring(7, 26))));
            read(f, entries);
        }
        return entries;
    }

    private static void read(Path file, List<Entry> into) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        while (b.remaining() >= 8) {
            int length = b.getInt();
            int crcValue = b.getInt();
            if (length < 20 || length > b.remaining()) {
                log.warn("ingest journal {}: torn record at the end, ignored", file.getFileName());
                return;
            }
            CRC32 crc = new CRC32();
            crc.update(b.array(), b.position(), length);
            if ((int) crc.getValue() != crcValue) {
                log.warn("ingest journal {}: damaged record, ignoring the rest of the segment", file.getFileName());
                return;
            }
            int start = b.position();
            long seq = b.getLong();
            Instant at = Instant.ofEpochMilli(b.getLong());
            String device = text(b);
            String channel = text(b);
            byte[] payload = new byte[length - (b.position() - start)];
            b.get(payload);
            var parsedChannel = Channel.bySuffix(channel);
            if (DeviceId.isValid(device) && parsedChannel.isPresent()) {
                into.add(new Entry(seq, new DeviceMessage(new DeviceId(device), parsedChannel.get(), payload, at)));
            }
        }
    }

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete committed journal segment {}: {}", file, e.toString());
        }
    }

    /** Forces what is written, and deletes every segment if all of it is committed. */
    @Override
    public synchronized void close() throws IOException {
        syncer.shutdownNow();
        current.force(false);
        current.close();
        if (committedSeq >= nextSeq - 1) {
            segments.forEach(s -> deleteQuietly(s.file()));
            segments.clear();
        }
    }
}
