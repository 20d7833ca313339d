package dk.bostotte.device.config;

import dk.bostotte.device.platform.DurableFiles;
import dk.bostotte.protocol.message.AnswerPolicy;
import dk.bostotte.protocol.codec.Checks;
import dk.bostotte.protocol.codec.DecodeError;
import dk.bostotte.protocol.message.DesiredConfig;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.ProtocolMessage;
import dk.bostotte.protocol.message.ReportedConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the fleet's retained {@link DesiredConfig} to {@link LiveSettings} and says what happened.
 * The applied revision and the settings themselves are kept in the data directory: the broker
 * re-delivers the retained config on every connect, and after a restart the device must run with
 * what it last applied rather than its command-line defaults, without applying it "again".
 */
public final class DesiredConfigApplier {

    public static final String FILE = "applied-config.properties";
    private static final Logger log = LoggerFactory.getLogger(DesiredConfigApplier.class);

    private final Path file;
    private final LiveSettings live;
    private Long appliedRevision;

    public DesiredConfigApplier(Path dataDir, LiveSettings live) {
        this.file = dataDir.resolve(FILE);
        this.live = live;
        restore();
    }

    public synchronized Optional<Long> appliedRevision() {
        return Optional.ofNullable(appliedRevision);
    }

    public synchronized ReportedConfig apply(DesiredConfig desired) {
        long revision = desired.revision();
        if (appliedRevision != null && appliedRevision == revision) {
            return new ReportedConfig(ProtocolMessage.VERSION, revision, live.current(), true, null);
        }
        Checks checks = new Checks();
        desired.check(checks);
        Optional<DecodeError> invalid = checks.firstError();
        if (invalid.isPresent()) {
            return refused(desired, invalid.get().message());
        }
        DeviceSettings merged = live.merge(desired.settings());
        try {
            save(revision, merged);
        } catch (IOException e) {
            return refused(desired, "could not save config: " + e.getMessage());
        }
        live.update(merged);
        appliedRevision = revision;
        log.info("applied config revision {}: {}", revision, merged);
        return new ReportedConfig(ProtocolMessage.VERSION, revision, merged, true, null);
    }

    private ReportedConfig refused(DesiredConfig desired, String error) {
        log.warn("config revision {} not applied: {}", desired.revision(), error);
        DeviceSettings asked = desired.settings() != null ? desired.settings() : live.current();
        return new ReportedConfig(ProtocolMessage.VERSION, desired.revision(), asked, false, error);
    }

    private void save(long revision, DeviceSettings s) throws IOException {
        Properties p = new Properties();
        p.setProperty("revision", Long.toString(revision));
        for (RecordComponent c : DeviceSettings.class.getRecordComponents()) {
            Object value = read(c, s);
            if (value != null) {
                // The wire spelling, so a file written before the policy was an enum reads the same.
                p.setProperty(c.getName(), value instanceof AnswerPolicy a ? a.wire() : value.toString());
            }
        }
        StringWriter w = new StringWriter();
        p.store(w, "last config applied from the fleet");
        DurableFiles.writeAtomically(file, w.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Object read(RecordComponent c, DeviceSettings s) {
        try {
            return c.getAccessor().invoke(s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read setting " + c.getName(), e);
        }
    }

    private void restore() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            long revision = Long.parseLong(p.getProperty("revision"));
            RecordComponent[] components = DeviceSettings.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                String text = p.getProperty(components[i].getName());
                types[i] = components[i].getType();
                values[i] = text == null ? null : types[i] == Integer.class ? Integer.valueOf(text)
                        : types[i] == AnswerPolicy.class ? AnswerPolicy.fromWire(text) : text;
            }
            live.update(DeviceSettings.class.getDeclaredConstructor(types).newInstance(values));
            appliedRevision = revision;
        } catch (IOException | RuntimeException | ReflectiveOperationException e) {
            // Atomic writes make this unlikely; the retained config will simply be applied afresh.
            log.warn("ignoring unreadable {}: {}", file, e.toString());
        }
    }
}
