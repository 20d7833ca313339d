package dk.bostotte.device.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The app's recent log lines in memory (the last {@code capacity}), for the diagnostics bundle IT
 * support collects: the journal on a kiosk is not readable from a browser, and a bundle must come
 * from the device itself, over its own authenticated connection.
 */
public final class LogRing extends AppenderBase<ILoggingEvent> {

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();
    private final Deque<String> problems = new ArrayDeque<>();

    public LogRing(int capacity) {
        this.capacity = capacity;
    }

    /** Attaches a ring to the root logger. */
    public static LogRing install(int capacity) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogRing ring = new LogRing(capacity);
        ring.setContext(context);
        ring.setName("diagnostics-ring");
        ring.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(ring);
        return ring;
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        String line = Instant.ofEpochMilli(e.getTimeStamp()) + " " + e.getLevel() + " [" + e.getThreadName() + "] "
                + e.getLoggerName().substring(e.getLoggerName().lastIndexOf('.') + 1) + " - " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ": "
                        + e.getThrowableProxy().getMessage() + ")");
        add(lines, line, capacity);
        if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
            add(problems, line, 100);
        }
    }

    private static void add(Deque<String> d, String line, int max) {
        d.addLast(line);
        while (d.size() > max) {
            d.removeFirst();
        }
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** The last warnings and errors, also found among {@link #lines()} while they are recent. */
    public synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }
}
