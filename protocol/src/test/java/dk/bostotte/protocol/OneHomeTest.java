package dk.bostotte.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.bundle.BundleLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shared vocabulary is spelled once, here in protocol: no main code of another module writes a
 * topic, a config bundle's file name or key, or a device-API path as a string of its own. Tests may
 * spell the wire format on purpose (to pin it); SQL migrations and documents are not code.
 */
class OneHomeTest {

    /** String literals in Java ("...") and in the console's scripts and pages ("..." or '...'). */
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'");

    @Test
    void theVocabularyIsSpelledOnlyInProtocol() throws Exception {
        List<String> words = vocabulary();
        List<String> found = new ArrayList<>();
        for (Path file : mainSources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LITERAL.matcher(lines.get(i));
                while (m.find()) {
                    String literal = m.group(1) != null ? m.group(1) : m.group(2);
                    for (String w : words) {
                        if (literal.contains(w)) {
                            found.add(root().relativize(file) + ":" + (i + 1) + " spells '" + w + "'");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "use Topics, Channel, BundleLayout or DeviceApi instead");
    }

    @Test
    void theScanSeesTheModulesThatUseTheVocabulary() throws Exception {
        List<Path> files = mainSources();
        for (String module : List.of("device", "fleet-server", "provisioning", "system-tests")) {
            assertTrue(files.stream().anyMatch(f -> root().relativize(f).startsWith(module)), module);
        }
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".js")), "the console's scripts");
        assertTrue(vocabulary().containsAll(List.of(Topics.ROOT, DeviceApi.ROOT, BundleLayout.PROPERTIES, BundleLayout.MQTT_PORT)));
    }

    /** What only protocol may spell: distinctive enough that another literal containing it is a copy. */
    private static List<String> vocabulary() throws IllegalAccessException {
        List<String> words = new ArrayList<>(List.of(Topics.ROOT, DeviceApi.ROOT));
        for (Field f : BundleLayout.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String v = (String) f.get(null);
                // File names and keys ("device.p12", "server.mqtt.port"); the keystore alias alone is a common word.
                if (v.contains(".")) {
                    words.add(v);
                }
            }
        }
        return words;
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root())) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path main = module.resolve("src/main");
                if (module.getFileName().toString().equals("protocol") || !Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(p -> p.toString().matches(".*\\.(java|js|html)$")).forEach(out::add);
                }
            }
        }
        return out;
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("protocol/src/main"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new UncheckedIOException(new IOException("no repository root above " + Path.of("").toAbsolutePath()));
        }
        return dir;
    }
}
