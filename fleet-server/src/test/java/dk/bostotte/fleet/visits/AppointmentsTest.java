package dk.bostotte.fleet.visits;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;
import static dk.bostotte.fleet.db.jooq.Tables.APPOINTMENT;
import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.http.Problem;
import dk.bostotte.fleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two visits for the same citizen or the same worker at the same time: a warning the worker may confirm. */
class AppointmentsTest {

    private final Instant ten = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    private DSLContext dsl;
    private Appointments appointments;
    private Account vibeke;
    private Account ole;
    private long vera;
    private long otto;

    @BeforeEach
    void setUp() {
        dsl = TestDatabase.empty();
        appointments = new Appointments(dsl, new AuditLog(dsl, new ObjectMapper()), id -> { });
        vibeke = account("vibeke", Role.STAFF);
        ole = account("ole", Role.STAFF);
        vera = citizen("Vera", vibeke);
        otto = citizen("Otto", vibeke);
    }

    private Account account(String username, Role role) {
        long id = dsl.insertInto(ACCOUNT).set(ACCOUNT.USERNAME, username).set(ACCOUNT.DISPLAY_NAME, username)
                .set(ACCOUNT.PASSWORD_HASH, "x").set(ACCOUNT.ROLE, "staff").returning(ACCOUNT.ID).fetchOne().getId();
        return new Account(id, username, username, role);
    }

    private long citizen(String name, Account worker) {
        return dsl.insertInto(CITIZEN).set(CITIZEN.DISPLAY_NAME, name).set(CITIZEN.ASSIGNED_ACCOUNT_ID, worker.id())
                .returning(CITIZEN.ID).fetchOne().getId();
    }

    private Problem clash(Runnable booking) {
        return assertThrows(Problem.Refusal.class, booking::run).problem();
    }

    @Test
    void theSameWorkerAtTheSameTimeIsWarnedNamingTheOtherVisitAndMayConfirm() {
        appointments.book(vibeke, vera, ten, 30, false);
        Problem p = clash(() -> appointments.book(vibeke, otto, ten.plus(Duration.ofMinutes(15)), 30, false));
        assertEquals(409, p.status());
        assertEquals("overlap", p.code());
        assertEquals("startsAt", p.field());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> overlaps = (List<Map<String, Object>>) p.body().get("overlaps");
        assertEquals("Vera", overlaps.get(0).get("citizenName"));
        assertEquals(1, dsl.fetchCount(APPOINTMENT), "warned: nothing booked");

        appointments.book(vibeke, otto, ten.plus(Duration.ofMinutes(15)), 30, true);
        assertEquals(2, dsl.fetchCount(APPOINTMENT), "confirmed: booked");
    }

    @Test
    void theSameCitizenWithAnotherWorkerIsWarnedTooButBackToBackVisitsAreNot() {
        Account admin = new Account(account("admin", Role.ADMIN).id(), "admin", "admin", Role.ADMIN);
        appointments.book(vibeke, vera, ten, 30, false);
        assertEquals("overlap", clash(() -> appointments.book(admin, vera, ten.minus(Duration.ofMinutes(10)), 30, false)).code());
        appointments.book(vibeke, otto, ten.plus(Duration.ofMinutes(30)), 30, false);
        appointments.book(admin, vera, ten.minus(Duration.ofMinutes(30)), 30, false);
        appointments.book(ole, citizen("Olga", ole), ten, 30, false); // another worker, another citizen
        assertEquals(4, dsl.fetchCount(APPOINTMENT));
    }

    @Test
    void movingAVisitClashesWithOthersButNotWithItself() {
        Appointment first = appointments.book(vibeke, vera, ten, 30, false);
        appointments.move(vibeke, first.id(), ten.plus(Duration.ofMinutes(10)), 30, false);
        Appointment second = appointments.book(vibeke, otto, ten.plus(Duration.ofHours(2)), 30, false);
        assertEquals("overlap", clash(() -> appointments.move(vibeke, second.id(), ten, 30, false)).code());
        appointments.cancel(vibeke, first.id());
        appointments.move(vibeke, second.id(), ten, 30, false);
        assertEquals(ten, appointments.find(vibeke, second.id()).orElseThrow().startsAt(), "a cancelled visit clashes with nothing");
    }
}
