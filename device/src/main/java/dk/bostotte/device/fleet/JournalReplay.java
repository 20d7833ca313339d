package dk.bostotte.device.fleet;

import java.io.IOException;
import java.util.Optional;

/** Rebuilds a {@link SampleBuffer} from the journal; damaged records are counted and skipped, never fatal. */
final class JournalReplay {

    private JournalReplay() {
    }

    static void replay(Journal journal, SampleBuffer buffer) throws IOException {
        boolean torn = journal.read(line -> {
            if (!apply(line, buffer)) {
                buffer.corrupt++;
            }
        });
        if (torn) {
            // The last write was cut short by a crash; whatever it said never counted as stored.
            buffer.corrupt++;
        }
    }

    private static boolean apply(String line, SampleBuffer buffer) {
        Optional<String[]> fields = JournalRecord.unframe(line);
        if (fields.isEmpty() || fields.get()[0].length() != 1) {
            return false;
        }
        String[] f = fields.get();
        try {
            switch (f[0].charAt(0)) {
                case JournalRecord.SAMPLE -> {
                    return buffer.add(JournalRecord.parseSample(f));
                }
                case JournalRecord.LEGACY_SAMPLE -> {
                    return buffer.add(JournalRecord.parseLegacySample(f));
                }
                case JournalRecord.REMOVED -> buffer.removeRange(Long.parseLong(f[1]), Long.parseLong(f[2]));
                case JournalRecord.DROPPED -> {
                    long seq = Long.parseLong(f[1]);
                    if (buffer.removeRange(seq, seq) > 0) {
                        buffer.dropped++;
                    }
                }
                case JournalRecord.HEADER -> {
                    buffer.dropped = Long.parseLong(f[1]);
                    buffer.corrupt = Long.parseLong(f[2]);
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
