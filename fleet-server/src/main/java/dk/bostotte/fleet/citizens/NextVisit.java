package dk.bostotte.fleet.citizens;

import static dk.bostotte.fleet.db.jooq.Tables.APPOINTMENT;

import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** A citizen's next booked online visit: when, how long, with whom. */
public record NextVisit(long id, Instant startsAt, int minutes, String workerName) {

    /**
     * The {@code appointment} rows still booked whose end (start + minutes) is after {@code at}: a
     * visit that started 20 minutes ago may still be on. The console's list, the worker's citizen
     * list and the kiosk all mean this by "next visit".
     */
    public static Condition bookedAndNotOverBy(Instant at) {
        return APPOINTMENT.STATE.eq("booked").and(DSL.condition("{0} + make_interval(mins => {1}) > {2}",
                APPOINTMENT.STARTS_AT, APPOINTMENT.MINUTES, DSL.val(at.atOffset(ZoneOffset.UTC))));
    }
}
