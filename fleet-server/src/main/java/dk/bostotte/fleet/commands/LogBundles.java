package dk.bostotte.fleet.commands;

import static dk.bostotte.fleet.db.jooq.Tables.COMMAND;
import static dk.bostotte.fleet.db.jooq.Tables.LOG_BUNDLE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Diagnostics bundles devices upload for {@code collect-logs}: the zip is kept as a file under the
 * data directory, its record in {@code log_bundle}. A device may only upload against a collect-logs
 * command of its own that is not finished. Blocking.
 */
public final class LogBundles {

    /** A bundle well above what the device sends (its last 2 000 log lines, zipped), not a disk filler. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    public record LogBundle(String id, String deviceId, String commandId, Instant receivedAt, int sizeBytes) {
    }

    /** Why an upload was refused, in words for the device's log. */
    public static final class Refused extends Exception {
        final int status;

        Refused(int status, String why) {
            super(why);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final DSLContext dsl;
    private final Path dir;

    public LogBundles(DSLContext dsl, Path dir) throws IOException {
        this.dsl = dsl;
        this.dir = Files.createDirectories(dir);
    }

    public LogBundle store(String device, String command, byte[] zip) throws Refused, IOException {
        UUID commandId;
        try {
            commandId = UUID.fromString(command == null ? "" : command);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "command must be the id of a collect-logs command");
        }
        boolean expected = dsl.fetchExists(COMMAND, COMMAND.ID.eq(commandId).and(COMMAND.DEVICE_ID.eq(device))
                .and(COMMAND.TYPE.eq("collect-logs")).and(COMMAND.STATE.in(CommandStore.QUEUED, CommandStore.DELIVERED)));
        if (!expected) {
            throw new Refused(404, "no unfinished collect-logs command " + command + " for " + device);
        }
        if (zip.length < 22 || zip[0] != 'P' || zip[1] != 'K') {
            throw new Refused(400, "the bundle must be a zip file");
        }
        UUID id = UUID.randomUUID();
        String file = id + ".zip";
        Files.write(dir.resolve(file), zip);
        Instant now = Instant.now();
        dsl.insertInto(LOG_BUNDLE).set(LOG_BUNDLE.ID, id).set(LOG_BUNDLE.DEVICE_ID, device).set(LOG_BUNDLE.COMMAND_ID, commandId)
                .set(LOG_BUNDLE.RECEIVED_AT, now.atOffset(ZoneOffset.UTC)).set(LOG_BUNDLE.SIZE_BYTES, zip.length)
                .set(LOG_BUNDLE.FILE_NAME, file).execute();
        return new LogBundle(id.toString(), device, commandId.toString(), now, zip.length);
    }

    public List<LogBundle> ofDevice(String device) {
        return dsl.selectFrom(LOG_BUNDLE).where(LOG_BUNDLE.DEVICE_ID.eq(device)).orderBy(LOG_BUNDLE.RECEIVED_AT.desc())
                .limit(100).fetch(r -> new LogBundle(r.getId().toString(), r.getDeviceId(), r.getCommandId().toString(),
                        r.getReceivedAt().toInstant(), r.getSizeBytes()));
    }

    /** The bundle's record and its file, if both are there. */
    public Optional<Stored> find(UUID id) {
        return dsl.selectFrom(LOG_BUNDLE).where(LOG_BUNDLE.ID.eq(id)).fetchOptional()
                .map(r -> new Stored(new LogBundle(r.getId().toString(), r.getDeviceId(), r.getCommandId().toString(),
                        r.getReceivedAt().toInstant(), r.getSizeBytes()), dir.resolve(r.getFileName())))
                .filter(s -> Files.isRegularFile(s.file()));
    }

    public record Stored(LogBundle bundle, Path file) {
    }
}
