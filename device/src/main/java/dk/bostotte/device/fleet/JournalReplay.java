package dk.bostotte.device.fleet;

import java.util.Optional;

/** Rebuilds a {@link TelemetryQueue} from its journal; damaged records are counted and skipped, never fatal. */
final class JournalReplay {

    private JournalReplay() {
    }

    static void replay(Journal.Contents contents, TelemetryQueue q) {
        for (String line : contents.lines()) {
            if (!apply(line, q)) {
                q.countCorrupt();
            }
        }
        if (contents.tornTail() != null) {
            // The last write was cut short by a crash; whatever it said never counted as stored.
            q.countCorrupt();
        }
    }

    private static boolean apply(String line, TelemetryQueue q) {
        Optional<String[]> fields = JournalRecord.unframe(line);
        if (fields.isEmpty() || fields.get()[0].length() != 1) {
            return false;
        }
        String[] f = fields.get();
        try {
            switch (f[0].charAt(0)) {
                case JournalRecord.SAMPLE -> q.replaySample(JournalRecord.parseSample(f));
                case JournalRecord.REMOVED -> q.replayRemoved(Long.parseLong(f[1]), Long.parseLong(f[2]));
                case JournalRecord.DROPPED -> q.replayDropped(Long.parseLong(f[1]));
                case JournalRecord.HEADER -> q.replayCounters(Long.parseLong(f[1]), Long.parseLong(f[2]));
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
