package dk.bostotte.fleet.audit;

import static dk.bostotte.fleet.db.jooq.Tables.AUDIT_LOG;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** Append-only record of who did what; the table refuses updates and deletes itself. */
public final class AuditLog {

    private final DSLContext dsl;
    private final ObjectMapper json;

    public AuditLog(DSLContext dsl, ObjectMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    public void record(String actor, String action, String subject, Map<String, ?> detail) {
        String detailJson;
        try {
            detailJson = json.writeValueAsString(detail);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            detailJson = "{}";
        }
        dsl.insertInto(AUDIT_LOG).set(AUDIT_LOG.ACTOR, actor).set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.SUBJECT, subject).set(AUDIT_LOG.DETAIL, JSONB.valueOf(detailJson)).execute();
    }
}
