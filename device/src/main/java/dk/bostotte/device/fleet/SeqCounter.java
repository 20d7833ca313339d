package dk.bostotte.device.fleet;

import dk.bostotte.device.platform.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Sample sequence numbers that never repeat for this device, across restarts and crashes. The file
 * holds a ceiling: every number below it may already have been used. Numbers are handed out from
 * blocks reserved on disk before use, so a crash skips the rest of a block instead of reissuing it.
 * A missing file starts from the wall clock in microseconds, far above anything issued before.
 */
public final class SeqCounter {

    public static final String FILE = "seq.next";
    static final long BLOCK = 1000;

    private final Path file;
    private long next;
    private long reservedUntil;

    /**
     * @param atLeast  the lowest acceptable next number (one past the highest seq still queued)
     * @param millis   the wall clock, used only when the counter file is missing
     */
    public SeqCounter(Path dataDir, long atLeast, LongSupplier millis) throws IOException {
        this.file = dataDir.resolve(FILE);
        long start = readCeiling().orElseGet(() -> millis.getAsLong() * 1000);
        this.next = Math.max(start, atLeast);
        this.reservedUntil = next;
    }

    public synchronized long next() {
        if (next >= reservedUntil) {
            reserve(next + BLOCK);
        }
        return next++;
    }

    /** The number {@link #next()} will hand out next; for tests and logs. */
    public synchronized long peek() {
        return next;
    }

    private void reserve(long ceiling) {
        try {
            DurableFiles.writeAtomically(file, (ceiling + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // Issuing a number we could not reserve could reuse it after a crash: refuse instead.
            throw new UncheckedIOException("cannot reserve sequence numbers in " + file, e);
        }
        reservedUntil = ceiling;
    }

    private OptionalLong readCeiling() throws IOException {
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            // Written atomically, so this means tampering or disk damage: fall back to the clock.
            return OptionalLong.empty();
        }
    }
}
