package dk.bostotte.device.fleet;

import dk.bostotte.protocol.message.Command;
import java.util.concurrent.CompletionStage;

/**
 * Carries out one {@link dk.bostotte.protocol.message.CommandType}. Registered with
 * {@link CommandDispatcher}, which has already reported the command as received and checked that it
 * has not expired. Long work must not block the caller: return a stage that completes later.
 */
@FunctionalInterface
public interface CommandHandler {

    CompletionStage<Completion> handle(Command command);

    /** How the command ended, as reported to the fleet. */
    record Completion(boolean done, String detail) {

        public static Completion done(String detail) {
            return new Completion(true, detail);
        }

        public static Completion failed(String detail) {
            return new Completion(false, detail);
        }
    }
}
