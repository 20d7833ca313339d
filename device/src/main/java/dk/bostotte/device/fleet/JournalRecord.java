package dk.bostotte.device.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * One line of the telemetry journal: {@code <kind> <fields...> <crc32>}. The checksum lets replay
 * tell a complete record from one torn by a crash or power cut mid-write. Kinds:
 * {@code H dropped corrupt} (counters, first line of a compacted journal), {@code J <sample as wire
 * JSON>} (queued), {@code R first last} (acknowledged by the broker), {@code X seq} (dropped, queue
 * full). {@code S <fields>} is the queued sample of releases before the sample grew optional detail;
 * it is still read, so an update never loses what an older app left queued.
 */
final class JournalRecord {

    static final char HEADER = 'H';
    static final char SAMPLE = 'J';
    static final char LEGACY_SAMPLE = 'S';
    static final char REMOVED = 'R';
    static final char DROPPED = 'X';
    private static final String NULL = "-";
    private static final ObjectMapper JSON = new MessageCodec().mapper();

    private JournalRecord() {
    }

    static String header(long dropped, long corrupt) {
        return HEADER + " " + dropped + " " + corrupt;
    }

    static String removed(long firstSeq, long lastSeq) {
        return REMOVED + " " + firstSeq + " " + lastSeq;
    }

    static String dropped(long seq) {
        return DROPPED + " " + seq;
    }

    static String sample(NetworkSample s) {
        try {
            // Compact JSON: no line breaks, so one record stays one line.
            return SAMPLE + " " + JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sample " + s.seq() + " cannot be written", e);
        }
    }

    /** Parses the fields of a {@code J} record (index 0 is the kind; the JSON may contain spaces). */
    static NetworkSample parseSample(String[] f) {
        String json = String.join(" ", Arrays.asList(f).subList(1, f.length));
        try {
            return JSON.readValue(json, NetworkSample.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sample record is not a sample: " + e.getOriginalMessage());
        }
    }

    /** Parses the fields of a legacy {@code S} record (index 0 is the kind). */
    static NetworkSample parseLegacySample(String[] f) {
        if (f.length != 10) {
            throw new IllegalArgumentException("sample record has " + f.length + " fields");
        }
        return new NetworkSample(Long.parseLong(f[1]), Instant.parse(f[2]), LinkType.valueOf(f[3]),
                dbl(f[4]), dbl(f[5]), dbl(f[6]), dbl(f[7]), dbl(f[8]),
                NULL.equals(f[9]) ? null : Integer.valueOf(f[9]));
    }

    static byte[] frame(String body) {
        return (body + " " + crc(body) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The record's fields if the line is complete and its checksum matches. */
    static Optional<String[]> unframe(String line) {
        int sp = line.lastIndexOf(' ');
        if (sp <= 0) {
            return Optional.empty();
        }
        String body = line.substring(0, sp);
        if (!crc(body).equals(line.substring(sp + 1))) {
            return Optional.empty();
        }
        return Optional.of(body.split(" "));
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private static Double dbl(String s) {
        return NULL.equals(s) ? null : Double.valueOf(s);
    }
}
