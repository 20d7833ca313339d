package dk.bostotte.device.fleet;

import dk.bostotte.protocol.codec.Decoded;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.Command;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.CommandResult.Outcome;
import dk.bostotte.protocol.message.CommandType;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a command payload into results on {@code cmd/result}: {@code received} at once, then
 * {@code done} or {@code failed} from the handler registered for its type. Expired commands and
 * types without a handler fail with a reason; an undecodable command is logged and ignored, since
 * without a valid id there is nothing to answer.
 */
public final class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    /** The protocol's limit on {@code detail}. */
    private static final int MAX_DETAIL = 2000;

    private final MessageCodec codec;
    private final Clock clock;
    private final Consumer<CommandResult> results;
    private final Map<CommandType, CommandHandler> handlers = new EnumMap<>(CommandType.class);
    /** Ids already handled: the fleet resends until it hears "received", and a reboot must not run twice. */
    private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 256;
        }
    };

    public CommandDispatcher(MessageCodec codec, Clock clock, Consumer<CommandResult> results) {
        this.codec = codec;
        this.clock = clock;
        this.results = results;
    }

    public synchronized void register(CommandType type, CommandHandler handler) {
        handlers.put(type, handler);
    }

    public void onPayload(byte[] payload) {
        Decoded<Command> decoded = codec.decode(Command.class, payload);
        decoded.fold(c -> {
            dispatch(c);
            return null;
        }, e -> {
            log.warn("ignoring invalid command: {}", e.message());
            return null;
        });
    }

    void dispatch(Command command) {
        boolean again;
        synchronized (this) {
            again = seen.put(command.id(), Boolean.TRUE) != null;
        }
        if (again) {
            log.info("command {} ({}) received again; already handled", command.id(), command.type().wire());
            report(command, Outcome.RECEIVED, null);
            return;
        }
        log.info("command {} ({}) received", command.id(), command.type().wire());
        report(command, Outcome.RECEIVED, null);
        if (!command.expiresAt().isAfter(clock.instant())) {
            report(command, Outcome.FAILED, "expired");
            return;
        }
        CommandHandler handler;
        synchronized (this) {
            handler = handlers.get(command.type());
        }
        if (handler == null) {
            report(command, Outcome.FAILED, "unsupported command type: " + command.type().wire());
            return;
        }
        CompletionStage<CommandHandler.Completion> outcome;
        try {
            outcome = handler.handle(command);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((c, e) -> {
            if (e != null) {
                log.warn("command {} failed", command.id(), e);
                report(command, Outcome.FAILED, "error: " + e.getMessage());
            } else {
                report(command, c.done() ? Outcome.DONE : Outcome.FAILED, c.detail());
            }
        });
    }

    private void report(Command command, Outcome outcome, String detail) {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL);
        }
        results.accept(new CommandResult(ProtocolMessage.VERSION, command.id(), outcome, clock.instant(), detail));
        if (outcome != Outcome.RECEIVED) {
            log.info("command {} {}{}", command.id(), outcome.wire(), detail == null ? "" : ": " + detail);
        }
    }
}
