package dk.bostotte.device.call;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The citizen's touches for a simulated device, typed on standard input one per line:
 * {@code call}, {@code answer}, {@code decline}, {@code hangup}. Lets a person (or a test) play
 * the citizen without a screen.
 */
public final class SimulatedButtons {

    private static final Logger log = LoggerFactory.getLogger(SimulatedButtons.class);

    private SimulatedButtons() {
    }

    public static void readFrom(InputStream in, CallController calls, Executor agentThread) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String word = line.trim().toLowerCase(Locale.ROOT);
                    Runnable action = switch (word) {
                        case "call" -> calls::callSupportWorker;
                        case "answer" -> calls::answer;
                        case "decline" -> calls::decline;
                        case "hangup" -> calls::hangUp;
                        default -> null;
                    };
                    if (action == null) {
                        if (!word.isEmpty()) {
                            log.warn("unknown simulated button '{}': use call, answer, decline or hangup", word);
                        }
                    } else {
                        log.info("simulated button: {}", word);
                        agentThread.execute(action);
                    }
                }
            } catch (IOException | RejectedExecutionException e) {
                log.debug("simulated buttons stopped: {}", e.toString());
            }
        }, "simulated-buttons");
        t.setDaemon(true);
        t.start();
    }
}
