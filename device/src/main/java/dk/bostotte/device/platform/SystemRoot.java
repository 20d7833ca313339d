package dk.bostotte.device.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where {@code /proc}, {@code /sys} and {@code /dev} are: the real root on a device, a temp directory
 * in tests. Reading never throws: on a kiosk a missing or unreadable file simply means "absent".
 */
public record SystemRoot(Path root) {

    public static SystemRoot real() {
        return new SystemRoot(Path.of("/"));
    }

    public Path resolve(String absolute) {
        return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    /** The file's trimmed content, or empty if it is missing or unreadable. */
    public Optional<String> read(String absolute) {
        try {
            return Optional.of(Files.readString(resolve(absolute), StandardCharsets.UTF_8).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Names of the entries of a directory, or none if it is missing. */
    public List<String> list(String absoluteDir) {
        try (Stream<Path> s = Files.list(resolve(absoluteDir))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    public boolean isDirectory(String absolute) {
        return Files.isDirectory(resolve(absolute));
    }
}
