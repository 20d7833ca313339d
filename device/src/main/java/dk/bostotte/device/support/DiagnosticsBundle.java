package dk.bostotte.device.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What IT support gets from {@code collect-logs}: a zip with the recent log ({@code log.txt}), the
 * last warnings and errors ({@code problems.txt}) and {@code diagnostics.json} (versions, settings,
 * lock, queue, media plan, network: whatever the app's parts contribute). No keys, no passwords.
 */
public final class DiagnosticsBundle {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final LogRing log;
    private final Map<String, Supplier<Object>> sections = new LinkedHashMap<>();

    public DiagnosticsBundle(LogRing log) {
        this.log = log;
    }

    /** Adds a section to diagnostics.json; a section that fails says so instead of spoiling the bundle. */
    public DiagnosticsBundle section(String name, Supplier<Object> content) {
        sections.put(name, content);
        return this;
    }

    public byte[] zip() throws IOException {
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        sections.forEach((name, content) -> {
            try {
                diagnostics.put(name, content.get());
            } catch (RuntimeException e) {
                diagnostics.put(name, "unavailable: " + e);
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "log.txt", lines(log.lines()));
            entry(zip, "problems.txt", lines(log.problems()));
            entry(zip, "diagnostics.json", JSON.writeValueAsBytes(diagnostics));
        }
        return out.toByteArray();
    }

    private static byte[] lines(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
