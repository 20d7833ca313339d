package dk.bostotte.device.fleet;

import dk.bostotte.device.DurableFiles;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

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
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IOException("another device agent is using " + file.getParent());
        }
        this.lock = l;
    }

    /** The lines of the file; a last line without its newline was torn by a crash and comes back last. */
    Contents read() throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), null);
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        return new Contents(lines, start < text.length() ? text.substring(start) : null);
    }

    record Contents(List<String> lines, String tornTail) {
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

    void rewrite(List<String> bodies) throws IOException {
        closeOut();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (String b : bodies) {
            buf.writeBytes(JournalRecord.frame(b));
        }
        DurableFiles.writeAtomically(file, buf.toByteArray());
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
