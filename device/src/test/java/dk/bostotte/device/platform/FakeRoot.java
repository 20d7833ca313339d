package dk.bostotte.device.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a fake {@code /proc}, {@code /sys}, {@code /dev} tree in a temp directory for the readers under test. */
public final class FakeRoot {

    public final Path dir;
    public final SystemRoot root;

    public FakeRoot(Path dir) {
        this.dir = dir;
        this.root = new SystemRoot(dir);
    }

    public FakeRoot file(String absolute, String content) {
        try {
            Path p = root.resolve(absolute);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeRoot directory(String absolute) {
        try {
            Files.createDirectories(root.resolve(absolute));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
