package dk.bostotte.fleet.audit;

import static dk.bostotte.fleet.db.jooq.Tables.AUDIT_LOG;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** Append-only record of who did what; the table refuses updates and deletes itself. */
public final class AuditLog {

    private final DSLContext dsl;
    private final ObjectMapper json;

    public AuditLog(DSLContext dsl, ObjectMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    /** One entry as the audit page shows it. */
    public record Entry(long id, Instant at, String actor, String action, String subject, String detail) {
    }

    /**
     * Entries newest first, filtered by actor (exact), action (prefix, e.g. "command." for all
     * commands), subject (exact) and time; at most {@code limit}, before entry {@code beforeId} when
     * paging back.
     */
    public List<Entry> search(String actor, String actionPrefix, String subject, Instant from,
                                        Instant to, Long beforeId, int limit) {
        Condition c = DSL.noCondition();
        if (actor != null) {
            c = c.and(AUDIT_LOG.ACTOR.eq(actor));
        }
        if (actionPrefix != null) {
            c = c.and(AUDIT_LOG.ACTION.startsWith(actionPrefix));
        }
        if (subject != null) {
            c = c.and(AUDIT_LOG.SUBJECT.eq(subject));
        }
        if (from != null) {
            c = c.and(AUDIT_LOG.AT.ge(from.atOffset(ZoneOffset.UTC)));
        }
        if (to != null) {
            c = c.and(AUDIT_LOG.AT.lt(to.atOffset(ZoneOffset.UTC)));
        }
        if (beforeId != null) {
            c = c.and(AUDIT_LOG.ID.lt(beforeId));
        }
        return dsl.selectFrom(AUDIT_LOG).where(c).orderBy(AUDIT_LOG.ID.desc()).limit(limit)
                .fetch(r -> new Entry(r.getId(), r.getAt().toInstant(), r.getActor(), r.getAction(), r.getSubject(),
                        r.getDetail() == null ? "{}" : r.getDetail().data()));
    }

    public void record(String actor, String action, String subject, Map<String, ?> detail) {
        String detailJson;
        try {
            detailJson = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            detailJson = "{}";
        }
        dsl.insertInto(AUDIT_LOG).set(AUDIT_LOG.ACTOR, actor).set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.SUBJECT, subject).set(AUDIT_LOG.DETAIL, JSONB.valueOf(detailJson)).execute();
    }
}
