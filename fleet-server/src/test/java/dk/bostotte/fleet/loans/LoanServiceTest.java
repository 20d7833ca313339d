package dk.bostotte.fleet.loans;

import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.LOAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.loans.LoanService.Loan;
import dk.bostotte.fleet.loans.LoanService.LoanRefused;
import dk.bostotte.fleet.testing.TestDatabase;
import dk.bostotte.protocol.DeviceId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LoanServiceTest {

    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
    private final LocalDate today = LocalDate.now(COPENHAGEN);
    private DSLContext dsl;
    private DeviceRegistry registry;
    private AuditLog audit;
    private LoanService loans;
    private String device;
    private long karen;

    @BeforeEach
    void setUp() {
        dsl = TestDatabase.empty();
        registry = new DeviceRegistry(dsl);
        audit = new AuditLog(dsl, new ObjectMapper());
        loans = new LoanService(dsl, audit, registry, Clock.systemUTC(), COPENHAGEN);
        device = enrolled();
        karen = citizen("Karen Jensen");
    }

    private String enrolled() {
        return TestDatabase.enrolDevice(registry).value();
    }

    private long citizen(String name) {
        return dsl.insertInto(CITIZEN).set(CITIZEN.DISPLAY_NAME, name).returning(CITIZEN.ID).fetchOne().getId();
    }

    private String lifecycle(String deviceId) {
        return dsl.fetchValue(DEVICE.LIFECYCLE, DEVICE.ID.eq(deviceId));
    }

    private String deviceOf(long citizen) {
        return dsl.fetchValue(CITIZEN.DEVICE_ID, CITIZEN.ID.eq(citizen));
    }

    private int audited(String action, String deviceId) {
        return audit.search(null, action, deviceId, null, null, null, 10).size();
    }

    private static void refused(int status, String why, Executable change) {
        LoanRefused e = assertThrows(LoanRefused.class, change);
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aReadyDeviceIsLentAndTheLoanRecordedAndAudited() throws Exception {
        Loan loan = loans.lend(device, karen, today, today.plusDays(30), "admin");
        assertEquals("Karen Jensen", loan.citizen());
        assertEquals(today.plusDays(30), loan.expectedReturn());
        assertEquals("admin", loan.createdBy());
        assertNull(loan.returnedOn());
        assertFalse(loan.overdue());
        assertEquals("loaned", lifecycle(device));
        assertEquals(device, deviceOf(karen));
        assertEquals(loan, loans.inventory().stream().filter(i -> i.deviceId().equals(device)).findFirst().orElseThrow().loan());
        var entry = audit.search("admin", "device.loan", device, null, null, null, 10).get(0);
        assertEquals(karen, new ObjectMapper().readTree(entry.detail()).path("citizen").asLong(), entry.detail());
    }

    @Test
    void whatIsNotReadyOrAlreadyServedIsRefusedAndNothingChanges() {
        loans.lend(device, karen, today, null, "admin");
        long ole = citizen("Ole Hansen");
        String other = enrolled();
        refused(409, "is loaned", () -> loans.lend(device, ole, today, null, "admin"));
        refused(409, "already has device " + device, () -> loans.lend(other, karen, today, null, "admin"));
        refused(404, "no device", () -> loans.lend("ZZZZ-ZZZZ", ole, today, null, "admin"));
        refused(404, "no citizen", () -> loans.lend(other, 999_999, today, null, "admin"));
        refused(400, "before the start", () -> loans.lend(other, ole, today, today.minusDays(1), "admin"));
        String boxed = loans.stock("rpi4-kiosk", "in-the-box", "admin").id();
        refused(409, "in_stock", () -> loans.lend(boxed, ole, today, null, "admin"));
        registry.revoke(new DeviceId(other));
        refused(409, "blocked", () -> loans.lend(other, ole, today, null, "admin"));

        assertEquals("enrolled", lifecycle(other));
        assertNull(deviceOf(ole));
        assertEquals(1, audited("device.loan", device));
        assertEquals(0, audited("device.loan", other));
    }

    @Test
    void aReturnedDeviceFreesTheCitizenAndCanBeLentAgain() {
        loans.lend(device, karen, today.minusDays(10), null, "admin");
        refused(400, "before the loan started", () -> loans.giveBack(device, today.minusDays(11), "admin"));
        Loan back = loans.giveBack(device, today, "staff");
        assertEquals(today, back.returnedOn());
        assertEquals("returned", lifecycle(device));
        assertNull(deviceOf(karen));
        assertEquals(1, audited("device.return", device));
        refused(409, "not on loan", () -> loans.giveBack(device, today, "staff"));

        long ole = citizen("Ole Hansen");
        loans.lend(device, ole, today, null, "admin");
        assertEquals(List.of("Ole Hansen", "Karen Jensen"), loans.history(device).stream().map(Loan::citizen).toList());
    }

    @Test
    void onlyADeviceNotOnLoanIsRetired() {
        loans.lend(device, karen, today, null, "admin");
        refused(409, "return it first", () -> loans.retire(device, "admin"));
        refused(404, "does not exist", () -> loans.retire("ZZZZ-ZZZZ", "admin"));
        loans.giveBack(device, today, "admin");
        loans.retire(device, "admin");
        assertEquals("retired", lifecycle(device));
        assertEquals(1, audited("device.retire", device));
        refused(409, "is retired", () -> loans.lend(device, karen, today, null, "admin"));
    }

    @Test
    void aLoanIsOverdueOnlyAfterItsExpectedReturnAndWhileNotReturned() {
        String dueToday = enrolled();
        String noDate = enrolled();
        assertTrue(loans.lend(device, karen, today.minusDays(60), today.minusDays(1), "admin").overdue());
        assertFalse(loans.lend(dueToday, citizen("Ole Hansen"), today.minusDays(60), today, "admin").overdue());
        assertFalse(loans.lend(noDate, citizen("Eva Holm"), today.minusDays(60), null, "admin").overdue());
        assertFalse(loans.giveBack(device, today, "admin").overdue(), "returned late, but returned");
    }

    @Test
    void aLoanMadeAtFivePastMidnightDanishTimeStartsThatDayAndIsOverdueByTheDanishDate() {
        // 23:05 UTC on a winter evening: already 00:05 on 8 December in Copenhagen.
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T23:05:00Z"), ZoneOffset.UTC);
        LoanService danish = new LoanService(dsl, audit, registry, clock, COPENHAGEN);
        assertEquals(LocalDate.of(2026, 12, 8), danish.today());

        danish.recordGiven(device, karen, "admin");
        assertEquals(LocalDate.of(2026, 12, 8), dsl.fetchValue(LOAN.STARTED_ON, LOAN.DEVICE_ID.eq(device)),
                "a citizen added with a device at 00:05 has it from that day, not the previous UTC day");

        String due = enrolled();
        Loan loan = danish.lend(due, citizen("Ole Hansen"), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 7), "admin");
        assertTrue(loan.overdue(), "due back on the 7th: overdue once the 8th has begun in Denmark");
    }
}
