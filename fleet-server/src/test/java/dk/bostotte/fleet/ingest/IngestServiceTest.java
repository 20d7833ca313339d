package dk.bostotte.fleet.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.fleet.broker.IngestOutcome;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.codec.DecodeError;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.DeviceCallSignal;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestServiceTest extends IngestDatabaseTest {

    final CommandResult result = new CommandResult(ProtocolMessage.VERSION, "not-a-command-of-ours",
            CommandResult.Outcome.DONE, Instant.now().truncatedTo(ChronoUnit.MILLIS), null);

    @Test
    void anAcceptedMessageCarriesWhatItDecodedToAndLeavesTheJournalOnceStored() throws Exception {
        IngestOutcome outcome = ingest.service.ingest(ingest.message(Channel.COMMAND_RESULT, result));

        assertEquals(IngestOutcome.Kind.ACCEPTED, outcome.kind());
        assertEquals(Optional.of(result), outcome.decoded());
        assertEquals(1, ingest.counted("bostotte.mqtt.messages.in", "channel", Channel.COMMAND_RESULT.suffix()));
        ingest.close();
        try (IngestJournal reopened = new IngestJournal(journalDir, 100)) {
            assertEquals(List.of(), reopened.recovered(), "committed, so nothing to replay");
        }
    }

    @Test
    void anInvalidPayloadIsAnsweredInvalidAndKeptWithTheRejectedMessages() {
        IngestOutcome outcome = ingest.service.ingest(ingest.message(Channel.TELEMETRY, "{not json"));

        assertEquals(IngestOutcome.Kind.INVALID, outcome.kind());
        assertTrue(outcome.reason().startsWith("malformed_json"), outcome.reason());
        assertEquals(Optional.empty(), outcome.decoded());
        ingest.drain();
        assertEquals(List.of("malformed_json"), rejectedReasons(ingest.device));
        assertEquals(1, ingest.counted("bostotte.mqtt.messages.rejected", "reason", "malformed_json"));
    }

    @Test
    void aMessageRefusedElsewhereIsKeptLikeAnyRejectedOne() {
        DecodeError error = new DecodeError(DecodeError.Reason.MISSING_FIELD, "callId", "is required");
        IngestOutcome outcome = ingest.service.reject(ingest.message(Channel.CALL_DEVICE, "{\"v\":1}"), error);

        assertEquals(IngestOutcome.invalid(error.message()), outcome);
        ingest.drain();
        assertEquals(List.of("missing_field"), rejectedReasons(ingest.device));
        assertEquals(1, ingest.counted("bostotte.mqtt.messages.in", "channel", Channel.CALL_DEVICE.suffix()));
    }

    @Test
    void aMessageOnAServerChannelIsNotAcceptedFromADevice() {
        DeviceCallSignal signal = DeviceCallSignal.of("c", DeviceCallSignal.Type.ACCEPT, Instant.now());
        IngestOutcome outcome = ingest.service.ingest(ingest.message(Channel.CALL_DEVICE, signal));

        assertEquals(IngestOutcome.invalid("invalid_value: not accepted from a device"), outcome);
    }

    @Test
    void aWriterWithNoRoomAnswersBusyAndJournalsNothing() throws Exception {
        ingest.drain();

        assertEquals(IngestOutcome.Kind.BUSY, ingest.service.ingest(ingest.message(Channel.COMMAND_RESULT, result)).kind());
        assertEquals(IngestOutcome.Kind.BUSY, ingest.service.reject(ingest.message(Channel.CALL_DEVICE, "{}"),
                new DecodeError(DecodeError.Reason.MISSING_FIELD, "v", "schema version is required")).kind());
        assertEquals(2, ingest.counted("bostotte.mqtt.messages.deferred"));
        ingest.close();
        try (IngestJournal reopened = new IngestJournal(journalDir, 100)) {
            assertEquals(List.of(), reopened.recovered());
        }
    }

    @Test
    void whatAnEarlierRunJournaledButDidNotStoreIsStoredAtTheNextStart() throws Exception {
        ingest.close();
        try (IngestJournal crashed = new IngestJournal(journalDir, 100)) {
            crashed.append(ingest.message(Channel.STATUS, "[]"));
        }
        try (TestIngest next = new TestIngest(dsl, journalDir)) {
            next.service.replayJournal();
            next.drain();
            assertEquals(0, next.counted("bostotte.mqtt.messages.rejected", "reason", "malformed_json"),
                    "a replayed message was counted when it first came");
        }
        assertEquals(List.of("malformed_json"), rejectedReasons(ingest.device));
    }
}
