package dk.bostotte.fleet.visits;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;
import static dk.bostotte.fleet.db.jooq.Tables.APPOINTMENT;
import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;

import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.citizens.NextVisit;
import dk.bostotte.fleet.http.Problem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Online visits: booked, moved and cancelled by the citizen's worker (or an admin), each change
 * audited and passed on to the citizen's kiosk. A visit is booked for the worker who books it.
 */
public final class Appointments {

    /** A request that names a citizen or visit the account may not touch, or one that is not there. */
    public static final class NotYours extends RuntimeException {
        public NotYours(String message) {
            super(message);
        }
    }

    private final DSLContext dsl;
    private final AuditLog audit;
    private final LongConsumer citizenChanged;

    public Appointments(DSLContext dsl, AuditLog audit, LongConsumer citizenChanged) {
        this.dsl = dsl;
        this.audit = audit;
        this.citizenChanged = citizenChanged;
    }

    /** The code of a visit that clashes with another of the citizen's or the worker's. */
    public static final String OVERLAP = "overlap";

    /**
     * Books a visit for {@code by}; unless {@code overlapConfirmed}, refused (409, {@link #OVERLAP})
     * when the citizen or the worker already has a booked visit at that time, naming those visits.
     */
    public Appointment book(Account by, long citizenId, Instant startsAt, int minutes, boolean overlapConfirmed) {
        if (!Caseload.includes(dsl, by, citizenId)) {
            throw new NotYours("no citizen " + citizenId + " of yours");
        }
        if (!overlapConfirmed) {
            refuseClashes(citizenId, by.id(), startsAt, minutes, null);
        }
        long id = dsl.insertInto(APPOINTMENT).set(APPOINTMENT.CITIZEN_ID, citizenId).set(APPOINTMENT.ACCOUNT_ID, by.id())
                .set(APPOINTMENT.STARTS_AT, startsAt.atOffset(ZoneOffset.UTC)).set(APPOINTMENT.MINUTES, minutes)
                .set(APPOINTMENT.CREATED_BY, by.username()).returning(APPOINTMENT.ID).fetchOne().getId();
        audit.record(by.username(), "appointment.book", Long.toString(id),
                Map.of("citizenId", citizenId, "startsAt", startsAt.toString(), "minutes", minutes));
        citizenChanged.accept(citizenId);
        return find(by, id).orElseThrow();
    }

    /** Moves a booked visit; a clash with another visit is refused as in {@link #book} unless confirmed. */
    public Appointment move(Account by, long id, Instant startsAt, int minutes, boolean overlapConfirmed) {
        Appointment a = find(by, id).filter(x -> x.state().equals("booked"))
                .orElseThrow(() -> new NotYours("no booked visit " + id + " of yours"));
        if (!overlapConfirmed) {
            refuseClashes(a.citizenId(), a.accountId(), startsAt, minutes, id);
        }
        dsl.update(APPOINTMENT).set(APPOINTMENT.STARTS_AT, startsAt.atOffset(ZoneOffset.UTC)).set(APPOINTMENT.MINUTES, minutes)
                .set(APPOINTMENT.UPDATED_AT, Instant.now().atOffset(ZoneOffset.UTC)).where(APPOINTMENT.ID.eq(id)).execute();
        audit.record(by.username(), "appointment.move", Long.toString(id),
                Map.of("from", a.startsAt().toString(), "to", startsAt.toString(), "minutes", minutes));
        citizenChanged.accept(a.citizenId());
        return find(by, id).orElseThrow();
    }

    public Appointment cancel(Account by, long id) {
        Appointment a = find(by, id).filter(x -> x.state().equals("booked"))
                .orElseThrow(() -> new NotYours("no booked visit " + id + " of yours"));
        dsl.update(APPOINTMENT).set(APPOINTMENT.STATE, "cancelled").set(APPOINTMENT.UPDATED_AT, Instant.now().atOffset(ZoneOffset.UTC))
                .where(APPOINTMENT.ID.eq(id)).execute();
        audit.record(by.username(), "appointment.cancel", Long.toString(id), Map.of("startsAt", a.startsAt().toString()));
        citizenChanged.accept(a.citizenId());
        return find(by, id).orElseThrow();
    }

    /** Other booked visits of the citizen or the worker that share a minute with [start, start + minutes). */
    public List<Appointment> clashes(long citizenId, long workerId, Instant startsAt, int minutes, Long except) {
        var start = startsAt.atOffset(ZoneOffset.UTC);
        var end = startsAt.plusSeconds(60L * minutes).atOffset(ZoneOffset.UTC);
        return query(APPOINTMENT.STATE.eq("booked")
                .and(APPOINTMENT.CITIZEN_ID.eq(citizenId).or(APPOINTMENT.ACCOUNT_ID.eq(workerId)))
                .and(APPOINTMENT.STARTS_AT.lt(end))
                .and(DSL.condition("{0} + make_interval(mins => {1}) > {2}", APPOINTMENT.STARTS_AT, APPOINTMENT.MINUTES,
                        DSL.val(start)))
                .and(except == null ? DSL.noCondition() : APPOINTMENT.ID.ne(except)));
    }

    private void refuseClashes(long citizenId, long workerId, Instant startsAt, int minutes, Long except) {
        List<Appointment> clashes = clashes(citizenId, workerId, startsAt, minutes, except);
        if (!clashes.isEmpty()) {
            List<Map<String, Object>> named = clashes.stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("startsAt", c.startsAt().toString());
                m.put("minutes", c.minutes());
                m.put("citizenName", c.citizenName());
                m.put("workerName", c.workerName());
                return m;
            }).toList();
            throw new Problem.Refusal(new Problem(409, OVERLAP, "startsAt", "the citizen or the worker already has "
                    + clashes.size() + " visit(s) booked at that time; send overlapConfirmed: true to book anyway",
                    Map.of("overlaps", named)));
        }
    }

    public Optional<Appointment> find(Account by, long id) {
        return query(APPOINTMENT.ID.eq(id).and(Caseload.of(by))).stream().findFirst();
    }

    /** Booked visits of the account's citizens that end after {@code from} and start before {@code to}, soonest first. */
    public List<Appointment> between(Account by, Instant from, Instant to) {
        return query(NextVisit.bookedAndNotOverBy(from).and(Caseload.of(by)).and(APPOINTMENT.STARTS_AT.lt(to.atOffset(ZoneOffset.UTC))));
    }

    private List<Appointment> query(Condition where) {
        return dsl.select(APPOINTMENT.asterisk(), CITIZEN.DISPLAY_NAME, CITIZEN.DEVICE_ID, ACCOUNT.DISPLAY_NAME.as("worker"))
                .from(APPOINTMENT).join(CITIZEN).on(CITIZEN.ID.eq(APPOINTMENT.CITIZEN_ID))
                .join(ACCOUNT).on(ACCOUNT.ID.eq(APPOINTMENT.ACCOUNT_ID))
                .where(where).orderBy(APPOINTMENT.STARTS_AT, APPOINTMENT.ID).fetch(Appointments::appointment);
    }

    private static Appointment appointment(Record r) {
        return new Appointment(r.get(APPOINTMENT.ID), r.get(APPOINTMENT.CITIZEN_ID), r.get(CITIZEN.DISPLAY_NAME),
                r.get(CITIZEN.DEVICE_ID), r.get(APPOINTMENT.ACCOUNT_ID), r.get("worker", String.class),
                r.get(APPOINTMENT.STARTS_AT).toInstant(), r.get(APPOINTMENT.MINUTES), r.get(APPOINTMENT.STATE));
    }
}
