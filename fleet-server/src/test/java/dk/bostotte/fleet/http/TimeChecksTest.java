package dk.bostotte.fleet.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeChecksTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aTimeInThePastIsRefusedNamingItsField() {
        Problem p = TimeChecks.notInPast("startsAt", NOW.minus(Duration.ofHours(1)), NOW).orElseThrow();
        assertEquals(400, p.status());
        assertEquals("in-past", p.code());
        assertEquals("startsAt", p.field());
        assertTrue(p.detail().contains("startsAt"), p.detail());
        assertEquals("in-past", p.body().get("code"));
        assertEquals(p.detail(), p.body().get("error"), "the English detail stays in the answer for IT support");
    }

    @Test
    void theCurrentMinuteAndTheFutureAreNotInThePast() {
        assertTrue(TimeChecks.notInPast("startsAt", NOW.minusSeconds(59), NOW).isEmpty(), "the minute the worker picked");
        assertTrue(TimeChecks.notInPast("startsAt", NOW.plus(Duration.ofDays(1)), NOW).isEmpty());
    }

    @Test
    void aContactInTheFutureIsRefusedAndOneThatHappenedIsNot() {
        Problem p = TimeChecks.notInFuture("happenedAt", NOW.plus(Duration.ofDays(1)), NOW).orElseThrow();
        assertEquals("in-future", p.code());
        assertEquals("happenedAt", p.field());
        assertTrue(TimeChecks.notInFuture("happenedAt", NOW.minus(Duration.ofDays(1)), NOW).isEmpty());
        assertTrue(TimeChecks.notInFuture("happenedAt", NOW.plusSeconds(30), NOW).isEmpty(), "a browser clock a little ahead");
    }
}
