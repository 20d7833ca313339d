package dk.bostotte.fleet.calls;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;
import static dk.bostotte.fleet.db.jooq.Tables.APPOINTMENT;
import static dk.bostotte.fleet.db.jooq.Tables.CALL;
import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Stores every call and its latest state. Blocking: runs on the call thread or a worker. */
public final class CallStore {

    /** A stored call as the API shows it. */
    public record CallView(UUID id, String deviceId, Long citizenId, String citizen, Long accountId, String worker,
                           String direction, String state, String reason, Instant createdAt, Instant answeredAt,
                           Instant connectedAt, Instant endedAt, Integer durationS, Object quality) {
    }

    private final DSLContext dsl;
    private final ObjectMapper json;

    public CallStore(DSLContext dsl, ObjectMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    void insert(Call c) {
        dsl.insertInto(CALL).set(CALL.ID, c.id).set(CALL.DEVICE_ID, c.device.value())
                .set(CALL.CITIZEN_ID, c.citizen == null ? null : c.citizen.id())
                .set(CALL.ACCOUNT_ID, c.worker == null ? null : c.worker.id()).set(CALL.DIRECTION, c.direction.wire())
                .set(CALL.STATE, c.state.wire()).set(CALL.REASON, c.reason).set(CALL.CREATED_AT, odt(c.createdAt))
                .set(CALL.ENDED_AT, odt(c.endedAt))
                // Linked only to a booked visit of this citizen; anything else the console sends is ignored.
                .set(CALL.APPOINTMENT_ID, c.appointmentId == null || c.citizen == null ? DSL.val((Long) null)
                        : DSL.field(DSL.select(APPOINTMENT.ID).from(APPOINTMENT).where(APPOINTMENT.ID.eq(c.appointmentId),
                                APPOINTMENT.CITIZEN_ID.eq(c.citizen.id()), APPOINTMENT.STATE.eq("booked"))))
                .execute();
    }

    void update(Call c) {
        dsl.update(CALL).set(CALL.STATE, c.state.wire()).set(CALL.REASON, c.reason)
                .set(CALL.ACCOUNT_ID, c.worker == null ? null : c.worker.id())
                .set(CALL.ANSWERED_AT, odt(c.answeredAt)).set(CALL.CONNECTED_AT, odt(c.connectedAt))
                .set(CALL.ENDED_AT, odt(c.endedAt)).set(CALL.DURATION_S, c.durationS())
                .set(CALL.QUALITY, c.state.isFinal() ? JSONB.valueOf(write(c.quality.summary())) : null)
                .where(CALL.ID.eq(c.id)).execute();
    }

    public Optional<CallView> find(UUID id) {
        return query(CALL.ID.eq(id), 1).stream().findFirst();
    }

    /** Newest first; {@code accountId} null means every worker's calls. */
    public List<CallView> recent(Long accountId, String deviceId, int limit) {
        Condition where = DSL.noCondition();
        if (accountId != null) {
            where = where.and(CALL.ACCOUNT_ID.eq(accountId));
        }
        if (deviceId != null) {
            where = where.and(CALL.DEVICE_ID.eq(deviceId));
        }
        return query(where, limit);
    }

    private List<CallView> query(Condition where, int limit) {
        return dsl.select(CALL.asterisk(), CITIZEN.DISPLAY_NAME, ACCOUNT.DISPLAY_NAME).from(CALL)
                .leftJoin(CITIZEN).on(CITIZEN.ID.eq(CALL.CITIZEN_ID)).leftJoin(ACCOUNT).on(ACCOUNT.ID.eq(CALL.ACCOUNT_ID))
                .where(where).orderBy(CALL.CREATED_AT.desc()).limit(limit).fetch(this::view);
    }

    private CallView view(Record r) {
        JSONB q = r.get(CALL.QUALITY);
        Object quality = null;
        if (q != null) {
            try {
                quality = json.readValue(q.data(), Map.class);
            } catch (JsonProcessingException e) {
                quality = q.data();
            }
        }
        return new CallView(r.get(CALL.ID), r.get(CALL.DEVICE_ID), r.get(CALL.CITIZEN_ID), r.get(CITIZEN.DISPLAY_NAME),
                r.get(CALL.ACCOUNT_ID), r.get(ACCOUNT.DISPLAY_NAME), r.get(CALL.DIRECTION), r.get(CALL.STATE),
                r.get(CALL.REASON), instant(r.get(CALL.CREATED_AT)), instant(r.get(CALL.ANSWERED_AT)),
                instant(r.get(CALL.CONNECTED_AT)), instant(r.get(CALL.ENDED_AT)), r.get(CALL.DURATION_S), quality);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
