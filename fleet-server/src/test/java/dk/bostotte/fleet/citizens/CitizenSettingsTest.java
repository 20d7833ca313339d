package dk.bostotte.fleet.citizens;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.fleet.http.Problem;
import dk.bostotte.fleet.testing.TestDatabase;
import dk.bostotte.protocol.message.AnswerPolicy;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Indstillinger dialog's settings: checked in full, then saved together or not at all. */
class CitizenSettingsTest {

    private DSLContext dsl;
    private CitizenRegistry citizens;
    private Citizen vera;

    @BeforeEach
    void setUp() {
        dsl = TestDatabase.empty();
        citizens = new CitizenRegistry(dsl);
        for (String u : List.of("vibeke", "staff")) {
            dsl.insertInto(ACCOUNT).set(ACCOUNT.USERNAME, u).set(ACCOUNT.DISPLAY_NAME, u).set(ACCOUNT.PASSWORD_HASH, "x")
                    .set(ACCOUNT.ROLE, "staff").execute();
        }
        vera = citizens.create("Vera", null, "vibeke", null, AnswerPolicy.RING, 10, List.of(), null, null);
    }

    private static SettingsChange change(String policy, List<String> callers, Integer reminder) {
        return new SettingsChange(policy, 10, callers, reminder, null, null, null);
    }

    @Test
    void anUnknownCallerSavesNothingNotEvenTheReminderAndTheCorrectedRetrySavesAll() {
        var refused = assertThrows(Problem.Refusal.class,
                () -> citizens.saveSettings(vera, change("auto-answer", List.of("hanne"), 45)));
        assertEquals("unknown-account", refused.problem().code());
        assertEquals("autoAnswerCallers", refused.problem().field());
        assertEquals("hanne", refused.problem().body().get("value"));
        Citizen after = citizens.find(vera.id()).orElseThrow();
        assertEquals(vera.reminderMinutes(), after.reminderMinutes(), "the reminder from the failed attempt is not saved");
        assertEquals(AnswerPolicy.RING, after.answerPolicy());

        Citizen saved = citizens.saveSettings(after, change("auto-answer", List.of("vibeke"), 45));
        assertEquals(45, saved.reminderMinutes());
        assertEquals(AnswerPolicy.AUTO_ANSWER, saved.answerPolicy());
        assertEquals(List.of("vibeke"), saved.autoAnswerUsernames());
    }

    @Test
    void everyValueIsCheckedBeforeAnythingIsWrittenNamingItsField() {
        var p = new SettingsChange("ring", 10, List.of(), 30, 700, null, null).problem().orElseThrow();
        assertEquals(Problem.OUT_OF_RANGE, p.code());
        assertEquals("travelMinutes", p.field());
        assertEquals(600, p.body().get("max"));
        assertEquals("invalid-choice", change("sometimes", List.of(), null).problem().orElseThrow().code());
        assertEquals("travelKm", new SettingsChange(null, null, null, null, null, -1.0, null).problem().orElseThrow().field());
        assertThrows(Problem.Refusal.class, () -> citizens.saveSettings(vera, new SettingsChange(null, null, null, 30, 700, null, null)));
        assertEquals(vera.reminderMinutes(), citizens.find(vera.id()).orElseThrow().reminderMinutes());
    }

    @Test
    void theSamePolicyInAnotherOrderIsNoChange() {
        Citizen auto = citizens.saveSettings(vera, change("auto-answer", List.of("vibeke", "staff"), null));
        assertFalse(change("auto-answer", List.of("staff", "vibeke", "vibeke"), 20).changesPolicyOf(auto));
        assertTrue(change("auto-answer", List.of("vibeke"), null).changesPolicyOf(auto));
        assertTrue(change("ring", List.of(), null).changesPolicyOf(auto));
        assertFalse(new SettingsChange(null, null, null, 20, null, null, null).changesPolicyOf(auto), "no policy sent: no change");
    }
}
