package dk.bostotte.device.support;

import dk.bostotte.device.platform.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Whether IT support has locked the device (lost, or not returned): locked, it shows the lock
 * screen with the message and refuses calls. Kept in the data directory, so neither a restart nor
 * a power cut unlocks it; only an {@code unlock} command does.
 */
public final class LockState {

    public static final String FILE = "locked";

    private final Path file;
    private final List<Consumer<Optional<String>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<String> message;

    public LockState(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        Optional<String> m;
        try {
            m = Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
        } catch (IOException e) {
            m = Optional.of(""); // unreadable: stay locked rather than open a lost device
        }
        this.message = m;
    }

    public boolean isLocked() {
        return message.isPresent();
    }

    /** The text for the lock screen (who to contact), if locked. */
    public Optional<String> message() {
        return message;
    }

    public synchronized void lock(String text) throws IOException {
        String m = text == null ? "" : text.strip();
        DurableFiles.writeAtomically(file, m.getBytes(StandardCharsets.UTF_8));
        message = Optional.of(m);
        listeners.forEach(l -> l.accept(message));
    }

    public synchronized void unlock() throws IOException {
        Files.deleteIfExists(file);
        message = Optional.empty();
        listeners.forEach(l -> l.accept(message));
    }

    /** Told the new state on every change (the kiosk's lock screen, the status light). */
    public void onChange(Consumer<Optional<String>> listener) {
        listeners.add(listener);
    }
}
