package dk.bostotte.device.fleet;

import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * One line of the telemetry journal: {@code <kind> <fields...> <crc32>}. The checksum lets replay
 * tell a complete record from one torn by a crash or power cut mid-write. Kinds:
 * {@code H dropped corrupt} (counters, first line of a compacted journal), {@code S <sample>}
 * (queued), {@code R first last} (acknowledged by the broker), {@code X seq} (dropped, queue full).
 */
final class JournalRecord {

    static final char HEADER = 'H';
    static final char SAMPLE = 'S';
    static final char REMOVED = 'R';
    static final char DROPPED = 'X';
    private static final String NULL = "-";

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
        return String.join(" ", String.valueOf(SAMPLE), Long.toString(s.seq()), s.at().toString(), s.link().name(),
                str(s.rttMs()), str(s.jitterMs()), str(s.lossPct()), str(s.downMbps()), str(s.upMbps()),
                str(s.signalDbm()));
    }

    /** Parses the fields of an {@code S} record (index 0 is the kind). */
    static NetworkSample parseSample(String[] f) {
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

    private static String str(Object v) {
        return v == null ? NULL : v.toString();
    }

    private static Double dbl(String s) {
        return NULL.equals(s) ? null : Double.valueOf(s);
    }
}
