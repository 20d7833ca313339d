package dk.bostotte.device.fleet;

import dk.bostotte.device.platform.DurableFiles;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The append-only file behind {@link TelemetryQueue}. Each append is fsync'd before it returns, so
 * what the queue reports as stored survives SIGKILL and power loss; a rewrite (compaction) goes
 * through a temp file and an atomic rename. An exclusive lock keeps a second agent out of the file.
 */
final class Journal implements Closeable {

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel out;
    private long appendedSinceRewrite;

    Journal(Path file) throws IOException {
        this.file = file;
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IOException("another device agent is using " + file.getParent());
        }
        this.lock = l;
    }

    /**
     * Feeds each complete line to {@code lines}, streaming, so a full queue does not need the whole
     * file in memory. Returns true if the file ends in a line without its newline: a write torn by a
     * crash, which is not passed on.
     */
    boolean read(Consumer<String> lines) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        boolean torn = endsTorn();
        // An InputStreamReader replaces undecodable bytes rather than failing; such a line fails its checksum.
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String previous = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (previous != null) {
                    lines.accept(previous);
                }
                previous = line;
            }
            if (previous != null && !torn) {
                lines.accept(previous);
            }
        }
        return torn;
    }

    private boolean endsTorn() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    void append(List<String> bodies) throws IOException {
        if (out == null) {
            out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (String b : bodies) {
            buf.writeBytes(JournalRecord.frame(b));
        }
        ByteBuffer bb = ByteBuffer.wrap(buf.toByteArray());
        while (bb.hasRemaining()) {
            out.write(bb);
        }
        out.force(false);
        appendedSinceRewrite += bodies.size();
    }

    void rewrite(Iterable<String> bodies) throws IOException {
        closeOut();
        DurableFiles.writeAtomically(file, out -> {
            for (String b : bodies) {
                out.write(JournalRecord.frame(b));
            }
        });
        appendedSinceRewrite = 0;
    }

    long appendedSinceRewrite() {
        return appendedSinceRewrite;
    }

    private void closeOut() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeOut();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
