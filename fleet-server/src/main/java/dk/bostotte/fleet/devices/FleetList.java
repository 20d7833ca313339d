package dk.bostotte.fleet.devices;

import static dk.bostotte.fleet.db.jooq.Tables.ALERT;
import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE_LINE;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;

import static org.jooq.impl.DSL.selectCount;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** The fleet list for IT support, filtered, sorted and paged in SQL. Blocking. */
public final class FleetList {

    /** One device in the list. */
    public record Row(String id, String model, String serial, String lifecycle, boolean online, Instant lastSeen,
                      String appVersion, boolean locked, boolean revoked, String verdict, String postcode,
                      int openAlerts) {
    }

    public record Page(long total, int page, int size, String newestVersion, Map<String, Object> query, List<Row> items) {
    }

    /** The version's leading numbers as an int array, so 0.10.0 sorts after 0.9.2. */
    private static final Field<Integer[]> VERSION_NUMBERS = field(
            "regexp_split_to_array(substring({0} from '^[0-9]+(?:\\.[0-9]+)*'), '\\.')::int[]", Integer[].class,
            DEVICE.APP_VERSION);

    private final DSLContext dsl;

    public FleetList(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Page page(FleetQuery q, Instant now) {
        String newest = dsl.select(DEVICE.APP_VERSION).from(DEVICE).where(DEVICE.APP_VERSION.isNotNull())
                .orderBy(VERSION_NUMBERS.desc().nullsLast(), DEVICE.APP_VERSION.desc()).limit(1).fetchOne(DEVICE.APP_VERSION);
        List<Condition> where = new ArrayList<>();
        if (q.offlineHours() != null) {
            where.add(DEVICE.ONLINE.isFalse().and(DEVICE.LAST_SEEN.isNull()
                    .or(DEVICE.LAST_SEEN.le(now.minusSeconds(3600L * q.offlineHours()).atOffset(ZoneOffset.UTC)))));
        }
        if (q.verdict() != null) {
            Field<String> v = DSL.coalesce(DEVICE_LINE.VERDICT, "unknown");
            where.add(q.verdict().equals("poor") ? v.in("audio-only", "insufficient") : v.eq(q.verdict()));
        }
        if (q.outdated()) {
            where.add(DEVICE.APP_VERSION.isNotNull().and(newest == null ? DSL.falseCondition() : DEVICE.APP_VERSION.ne(newest)));
        }
        if (q.neverConnected()) {
            where.add(DEVICE.LAST_SEEN.isNull());
        }
        if (q.text() != null) {
            String t = q.text();
            where.add(DEVICE.ID.likeIgnoreCase(escape(t) + "%", '!').or(DEVICE.SERIAL.likeIgnoreCase("%" + escape(t) + "%", '!'))
                    .or(CITIZEN.POSTCODE.eq(t)));
        }
        Condition all = DSL.and(where);
        Field<Integer> openAlerts = selectCount().from(ALERT).where(ALERT.DEVICE_ID.eq(DEVICE.ID)).and(ALERT.STATE.eq("open"))
                .asField("open_alerts");
        long total = dsl.select(count()).from(DEVICE).leftJoin(DEVICE_LINE).on(DEVICE_LINE.DEVICE_ID.eq(DEVICE.ID))
                .leftJoin(CITIZEN).on(CITIZEN.DEVICE_ID.eq(DEVICE.ID)).where(all).fetchOne(0, Long.class);
        List<Row> rows = dsl.select(DEVICE.ID, DEVICE.MODEL, DEVICE.SERIAL, DEVICE.LIFECYCLE, DEVICE.ONLINE, DEVICE.LAST_SEEN,
                        DEVICE.APP_VERSION, DEVICE.LOCKED, DEVICE.REVOKED, DEVICE_LINE.VERDICT, CITIZEN.POSTCODE, openAlerts)
                .from(DEVICE).leftJoin(DEVICE_LINE).on(DEVICE_LINE.DEVICE_ID.eq(DEVICE.ID))
                .leftJoin(CITIZEN).on(CITIZEN.DEVICE_ID.eq(DEVICE.ID))
                .where(all).orderBy(order(q), DEVICE.ID.asc()).limit(q.size()).offset((long) q.page() * q.size())
                .fetch(r -> new Row(r.get(DEVICE.ID), r.get(DEVICE.MODEL), r.get(DEVICE.SERIAL), r.get(DEVICE.LIFECYCLE),
                        r.get(DEVICE.ONLINE), r.get(DEVICE.LAST_SEEN) == null ? null : r.get(DEVICE.LAST_SEEN).toInstant(),
                        r.get(DEVICE.APP_VERSION), r.get(DEVICE.LOCKED), r.get(DEVICE.REVOKED),
                        r.get(DEVICE_LINE.VERDICT) == null ? "unknown" : r.get(DEVICE_LINE.VERDICT), r.get(CITIZEN.POSTCODE),
                        r.get(openAlerts)));
        return new Page(total, q.page(), q.size(), newest, q.echo(), rows);
    }

    private static SortField<?> order(FleetQuery q) {
        Field<?> f = switch (q.sort()) {
            case "lastSeen" -> DEVICE.LAST_SEEN;
            case "version" -> VERSION_NUMBERS;
            case "verdict" -> DSL.coalesce(DEVICE_LINE.VERDICT, "unknown");
            case "postcode" -> CITIZEN.POSTCODE;
            default -> DEVICE.ID;
        };
        return q.descending() ? f.desc().nullsLast() : f.asc().nullsLast();
    }

    private static String escape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

}
