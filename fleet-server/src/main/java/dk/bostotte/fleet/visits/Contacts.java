package dk.bostotte.fleet.visits;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;
import static dk.bostotte.fleet.db.jooq.Tables.CALL;
import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;
import static dk.bostotte.fleet.db.jooq.Tables.CONTACT;

import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.http.CsvTable;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.audit.AuditLog;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * The contact log: online visits marked after their call, and physical visits and phone calls
 * logged by hand, so the organisation can compare them. Each entry is audited (without its note:
 * the audit log is not the place for anything near a case note).
 */
public final class Contacts {

    /** What was asked of the log cannot be done; the message says why. */
    public static final class Refused extends RuntimeException {
        public final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final DSLContext dsl;
    private final AuditLog audit;
    private final ZoneId zone;

    /** {@code zone}: the municipality's, in which the export gives each contact's date and time. */
    public Contacts(DSLContext dsl, AuditLog audit, ZoneId zone) {
        this.dsl = dsl;
        this.audit = audit;
        this.zone = zone;
    }

    /** A physical visit, a phone call or an online contact outside the console, logged by hand. */
    public Contact log(Account by, long citizenId, String kind, Instant happenedAt, Integer minutes, boolean completed,
                       String noteType, String note) {
        if (!Caseload.includes(dsl, by, citizenId)) {
            throw new Refused(404, "no citizen " + citizenId + " of yours");
        }
        long id = insert(by, citizenId, kind, happenedAt, minutes, completed, noteType, note, null);
        audit.record(by.username(), "contact.log", Long.toString(id), Map.of("citizenId", citizenId, "kind", kind,
                "completed", completed));
        return find(id);
    }

    /** After a call: was it the planned visit? Once per call, by the worker who made it (or an admin). */
    public Contact logCall(Account by, UUID callId, boolean completed, String noteType, String note) {
        var call = dsl.select(CALL.CITIZEN_ID, CALL.ACCOUNT_ID, CALL.CONNECTED_AT, CALL.CREATED_AT, CALL.DURATION_S)
                .from(CALL).where(CALL.ID.eq(callId)).fetchOne();
        if (call == null || call.value1() == null
                || by.role() != Role.ADMIN && !Long.valueOf(by.id()).equals(call.value2())) {
            throw new Refused(404, "no call " + callId + " of yours");
        }
        if (call.value3() == null) {
            throw new Refused(409, "the call never connected, so it was not a visit");
        }
        Integer minutes = call.value5() == null ? null : (int) Math.ceil(call.value5() / 60.0);
        long id;
        try {
            id = insert(by, call.value1(), "online", call.value3().toInstant(), minutes, completed, noteType, note, callId);
        } catch (IntegrityConstraintViolationException e) {
            throw new Refused(409, "call " + callId + " is already in the contact log");
        }
        audit.record(by.username(), "contact.log", Long.toString(id), Map.of("citizenId", call.value1(), "kind", "online",
                "completed", completed, "callId", callId.toString()));
        return find(id);
    }

    private long insert(Account by, long citizenId, String kind, Instant at, Integer minutes, boolean completed,
                        String noteType, String note, UUID callId) {
        return dsl.insertInto(CONTACT).set(CONTACT.CITIZEN_ID, citizenId).set(CONTACT.ACCOUNT_ID, by.id())
                .set(CONTACT.KIND, kind).set(CONTACT.HAPPENED_AT, at.atOffset(ZoneOffset.UTC)).set(CONTACT.MINUTES, minutes)
                .set(CONTACT.COMPLETED, completed).set(CONTACT.NOTE_TYPE, noteType)
                .set(CONTACT.NOTE, note == null || note.isBlank() ? null : note.trim()).set(CONTACT.CALL_ID, callId)
                .set(CONTACT.CREATED_BY, by.username()).returning(CONTACT.ID).fetchOne().getId();
    }

    private Contact find(long id) {
        return query(CONTACT.ID.eq(id)).get(0);
    }

    /** The account's citizens' contacts in [from, to), newest first; one citizen's when {@code citizenId} is set. */
    public List<Contact> between(Account by, Instant from, Instant to, Long citizenId) {
        Condition where = Caseload.of(by).and(CONTACT.HAPPENED_AT.ge(from.atOffset(ZoneOffset.UTC)))
                .and(CONTACT.HAPPENED_AT.lt(to.atOffset(ZoneOffset.UTC)));
        return query(citizenId == null ? where : where.and(CONTACT.CITIZEN_ID.eq(citizenId)));
    }

    /**
     * The same contacts, oldest first, as one CSV table in {@code table}'s language (local dates and
     * times, kinds and note types in words) for a spreadsheet or the municipality's care record system.
     */
    public String csv(Account by, Instant from, Instant to, CsvTable table) {
        table.header("contacts.id", "contacts.date", "contacts.time", "contacts.citizenId", "contacts.citizen",
                "contacts.worker", "contacts.kind", "contacts.minutes", "contacts.completed", "contacts.noteType", "contacts.note");
        DateTimeFormatter date = DateTimeFormatter.ISO_LOCAL_DATE;
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm");
        List<Contact> list = between(by, from, to, null);
        for (int i = list.size() - 1; i >= 0; i--) {
            Contact c = list.get(i);
            var local = c.happenedAt().atZone(zone);
            table.row(c.id(), local.format(date), local.format(time), c.citizenId(), c.citizenName(), c.workerName(),
                    table.word("kind." + c.kind()), c.minutes(), c.completed(),
                    c.noteType() == null ? null : table.word("noteType." + c.noteType()), c.note());
        }
        return table.text();
    }

    private List<Contact> query(Condition where) {
        return dsl.select(CONTACT.asterisk(), CITIZEN.DISPLAY_NAME, ACCOUNT.DISPLAY_NAME.as("worker")).from(CONTACT)
                .join(CITIZEN).on(CITIZEN.ID.eq(CONTACT.CITIZEN_ID)).join(ACCOUNT).on(ACCOUNT.ID.eq(CONTACT.ACCOUNT_ID))
                .where(where).orderBy(CONTACT.HAPPENED_AT.desc(), CONTACT.ID.desc()).fetch(Contacts::contact);
    }

    private static Contact contact(Record r) {
        return new Contact(r.get(CONTACT.ID), r.get(CONTACT.CITIZEN_ID), r.get(CITIZEN.DISPLAY_NAME), r.get(CONTACT.ACCOUNT_ID),
                r.get("worker", String.class), r.get(CONTACT.KIND), r.get(CONTACT.HAPPENED_AT).toInstant(),
                r.get(CONTACT.MINUTES), r.get(CONTACT.COMPLETED), r.get(CONTACT.NOTE_TYPE), r.get(CONTACT.NOTE),
                r.get(CONTACT.CALL_ID));
    }
}
