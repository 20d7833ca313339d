package dk.bostotte.device.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.protocol.message.Command;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.CommandType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private final MessageCodec codec = new MessageCodec();
    private final List<CommandResult> published = new ArrayList<>();
    private final CommandDispatcher dispatcher =
            new CommandDispatcher(codec, Clock.fixed(NOW, ZoneOffset.UTC), published::add);

    private byte[] command(String id, CommandType type, Instant expiresAt) {
        return codec.encode(new Command(1, id, type, NOW.minusSeconds(5), expiresAt, Map.of()));
    }

    private List<String> outcomes() {
        return published.stream().map(r -> r.id() + ":" + r.outcome().wire() + ":" + r.detail()).toList();
    }

    @Test
    void unsupportedTypeIsReceivedThenFailedWithTheTypeNamed() {
        dispatcher.onPayload(command("c-1", CommandType.REBOOT, NOW.plusSeconds(60)));
        assertEquals(List.of("c-1:received:null", "c-1:failed:unsupported command type: reboot"), outcomes());
        assertEquals(NOW, published.get(0).at());
    }

    @Test
    void expiredCommandFailsWithoutRunning() {
        List<Command> ran = new ArrayList<>();
        dispatcher.register(CommandType.REBOOT, c -> {
            ran.add(c);
            return CompletableFuture.completedFuture(CommandHandler.Completion.done("ok"));
        });
        dispatcher.onPayload(command("c-2", CommandType.REBOOT, NOW.minusSeconds(1)));
        assertEquals(List.of("c-2:received:null", "c-2:failed:expired"), outcomes());
        assertEquals(List.of(), ran);
    }

    @Test
    void aResentCommandIsAcknowledgedButNotRunAgain() {
        List<Command> ran = new ArrayList<>();
        dispatcher.register(CommandType.REBOOT, c -> {
            ran.add(c);
            return CompletableFuture.completedFuture(CommandHandler.Completion.done("rebooting"));
        });
        dispatcher.onPayload(command("c-9", CommandType.REBOOT, NOW.plusSeconds(60)));
        dispatcher.onPayload(command("c-9", CommandType.REBOOT, NOW.plusSeconds(60)));
        assertEquals(1, ran.size(), "a reboot must not run twice because the fleet resent it");
        assertEquals(List.of("c-9:received:null", "c-9:done:rebooting", "c-9:received:null"), outcomes());
    }

    @Test
    void registeredHandlerDecidesTheOutcome() {
        CompletableFuture<CommandHandler.Completion> later = new CompletableFuture<>();
        dispatcher.register(CommandType.RUN_NETWORK_TEST, c -> later);
        dispatcher.onPayload(command("c-3", CommandType.RUN_NETWORK_TEST, NOW.plusSeconds(60)));
        assertEquals(List.of("c-3:received:null"), outcomes(), "long work does not hold up the receipt");
        later.complete(CommandHandler.Completion.done("42 ms"));
        assertEquals(List.of("c-3:received:null", "c-3:done:42 ms"), outcomes());
    }

    @Test
    void handlerThatThrowsReportsFailure() {
        dispatcher.register(CommandType.LOCK, c -> {
            throw new IllegalStateException("screen busy");
        });
        dispatcher.onPayload(command("c-4", CommandType.LOCK, NOW.plusSeconds(60)));
        assertEquals(List.of("c-4:received:null", "c-4:failed:error: screen busy"), outcomes());
    }

    @Test
    void invalidCommandIsIgnored() {
        dispatcher.onPayload("{\"v\":1,\"id\":\"x\",\"type\":\"dance\"}".getBytes(StandardCharsets.UTF_8));
        dispatcher.onPayload("garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), published);
    }
}
