package dk.bostotte.fleet.report;

import dk.bostotte.fleet.config.ReportConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The organisation's report on online support, computed in SQL over the stored contacts, calls,
 * citizens and loans: adoption against the milestones, activity per week, per team and per
 * worker, call outcomes and quality, the savings estimate and the face-to-face (ATA) share before
 * and after the citizens got their kiosk. Weeks are ISO weeks in the municipality's zone ({@code time.zone}).
 */
public final class OrgReport {

    /** "Active": at least one completed online visit in the four weeks up to the report's end. */
    static final Duration ACTIVE_WINDOW = Duration.ofDays(28);

    public record Milestone(String milestone, int citizens, boolean reached) {
    }

    public record Adoption(int targetGroup, int recorded, int withDevice, int active, List<Milestone> milestones) {
    }

    public record Week(LocalDate week, int onlineVisits, int contacts, Double onlineShare, Double onlineMinutesMean) {
    }

    /**
     * One team or worker: completed contacts, calls by outcome, the device side's mean line quality,
     * and the completed online visits of each week of the report ({@link Report#weeks()}'s order).
     */
    public record Group(String name, int onlineVisits, int contacts, Double onlineShare, Double onlineMinutesMean,
                       int calls, int connected, int declined, int missed, int busy, int unreachable, int failed,
                       Double lossPctMean, Double rttMsMean, Double videoShare, List<Integer> onlineVisitsPerWeek) {
    }

    public record Savings(int onlineVisits, int visitsWithTravel, double drivingHours, double kilometres,
                          double hourlyCostDkk, double mileageRateDkk, double dkk, String formula) {
    }

    /**
     * Face-to-face minutes ÷ (face-to-face minutes + driving minutes): before each citizen's first
     * loan (all history up to the report's end: the baseline), and after it within the report's period.
     */
    public record AtaShare(Double before, Double after, int contactsBefore, int contactsAfter, String formula) {
    }

    public record Report(Instant from, Instant to, Adoption adoption, List<Week> weeks, List<Group> teams, List<Group> workers,
                         Savings savings, AtaShare ata) {
    }

    private final DSLContext dsl;
    private final ReportConfig config;
    private final ZoneId zone;

    /** {@code zone}: the municipality's, whose local weeks and days the report counts in. */
    public OrgReport(DSLContext dsl, ReportConfig config, ZoneId zone) {
        this.dsl = dsl;
        this.config = config;
        this.zone = zone;
    }

    /** {@code sql} with the zone in place of {ZONE}: a ZoneId's name is letters, digits and "/_+-", safe as a literal. */
    private String inZone(String sql) {
        return sql.replace("{ZONE}", "'" + zone.getId() + "'");
    }

    public Report between(Instant from, Instant to) {
        var f = from.atOffset(ZoneOffset.UTC);
        var t = to.atOffset(ZoneOffset.UTC);
        return new Report(from, to, adoption(to), weeks(f, t), groups("coalesce(a.team, '–')", "coalesce(a.team, '–')", f, t),
                groups("a.id::text", "a.display_name", f, t), savings(f, t), ata(f, t));
    }

    private Adoption adoption(Instant to) {
        Record r = dsl.resultQuery("""
                select count(*) filter (where c.in_target_group) as recorded,
                       count(*) filter (where c.in_target_group and c.device_id is not null) as with_device,
                       count(*) filter (where c.in_target_group and exists (
                           select 1 from contact k where k.citizen_id = c.id and k.kind = 'online' and k.completed
                             and k.happened_at >= {0} and k.happened_at < {1})) as active
                from citizen c""", to.minus(ACTIVE_WINDOW).atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)).fetchOne();
        int active = r.get("active", Integer.class);
        List<Milestone> milestones = new ArrayList<>();
        for (String m : config.milestones()) {
            int needed = config.citizens(m);
            milestones.add(new Milestone(m, needed, active >= needed));
        }
        return new Adoption(config.targetGroup(), r.get("recorded", Integer.class), r.get("with_device", Integer.class), active,
                milestones);
    }

    /** The weeks of the period's local days, up to the day before it ends ({0} and {1}: the period). */
    private static final String WEEKS = """
            select generate_series(date_trunc('week', {0}::timestamptz at time zone {ZONE}),
                                   (({1}::timestamptz at time zone {ZONE})::date - 1)::timestamp,
                                   interval '1 week')::date as week""";

    /** A contact's local week. */
    private static final String WEEK_OF_CONTACT = "(date_trunc('week', k.happened_at at time zone {ZONE}))::date";

    /** The report's weeks: the period's, and any week with a contact in it (one list for the weeks and the groups). */
    private static final String REPORT_WEEKS = WEEKS + "\n union select " + WEEK_OF_CONTACT
            + " from contact k where k.happened_at >= {0} and k.happened_at < {1}";

    /** Every local week the period touches, those without contacts as zero, so a quiet week shows as one. */
    private List<Week> weeks(Object from, Object to) {
        String sql = """
                with k as (
                    select %1$s as week,
                           count(*) filter (where k.kind = 'online' and k.completed) as online,
                           count(*) filter (where k.completed) as contacts,
                           avg(k.minutes) filter (where k.kind = 'online' and k.completed) as online_minutes
                    from contact k where k.happened_at >= {0} and k.happened_at < {1}
                    group by 1),
                w as (%2$s)
                select w.week, coalesce(k.online, 0) as online, coalesce(k.contacts, 0) as contacts, k.online_minutes
                from w left join k on k.week = w.week order by 1""".formatted(WEEK_OF_CONTACT, REPORT_WEEKS);
        return dsl.resultQuery(inZone(sql), from, to).fetch(r -> new Week(r.get("week", LocalDate.class),
                r.get("online", Integer.class), r.get("contacts", Integer.class),
                share(r.get("online", Integer.class), r.get("contacts", Integer.class)), round(r.get("online_minutes", Double.class))));
    }

    /**
     * Contacts and calls grouped by {@code key} and shown as {@code name} (expressions over the
     * worker's account {@code a}): workers by account, so two with the same name stay two rows.
     * Each group's online visits per week line up with {@link #weeks}: the same weeks, zeros kept.
     */
    private List<Group> groups(String key, String name, Object from, Object to) {
        String sql = """
                with k as (
                    select %1$s as key, min(%2$s) as name,
                           count(*) filter (where k.kind = 'online' and k.completed) as online,
                           count(*) filter (where k.completed) as contacts,
                           avg(k.minutes) filter (where k.kind = 'online' and k.completed) as online_minutes
                    from contact k join account a on a.id = k.account_id
                    where k.happened_at >= {0} and k.happened_at < {1} group by 1),
                kw as (
                    select %1$s as key, %3$s as week, count(*) as online
                    from contact k join account a on a.id = k.account_id
                    where k.happened_at >= {0} and k.happened_at < {1} and k.kind = 'online' and k.completed group by 1, 2),
                w as (%4$s),
                c as (
                    select %1$s as key, min(%2$s) as name, count(*) as calls,
                           count(*) filter (where c.connected_at is not null) as connected,
                           count(*) filter (where c.state = 'declined') as declined,
                           count(*) filter (where c.state = 'missed') as missed,
                           count(*) filter (where c.state = 'busy') as busy,
                           count(*) filter (where c.state = 'unreachable') as unreachable,
                           count(*) filter (where c.state = 'failed') as failed,
                           avg((c.quality -> 'device' ->> 'lossPctMean')::float8) as loss,
                           avg((c.quality -> 'device' ->> 'rttMsMean')::float8) as rtt,
                           avg(case when c.quality ->> 'lastMode' is null then null
                                    when c.quality ->> 'lastMode' = 'audio-only' then 0.0 else 1.0 end) as video
                    from call c join account a on a.id = c.account_id
                    where c.created_at >= {0} and c.created_at < {1} group by 1)
                select coalesce(k.name, c.name) as name, coalesce(k.online, 0) as online, coalesce(k.contacts, 0) as contacts,
                       k.online_minutes, coalesce(c.calls, 0) as calls, coalesce(c.connected, 0) as connected,
                       coalesce(c.declined, 0) as declined, coalesce(c.missed, 0) as missed, coalesce(c.busy, 0) as busy,
                       coalesce(c.unreachable, 0) as unreachable, coalesce(c.failed, 0) as failed, c.loss, c.rtt, c.video,
                       (select array_agg(coalesce(kw.online, 0)::int order by w.week) from w
                          left join kw on kw.week = w.week and kw.key = coalesce(k.key, c.key)) as per_week
                from k full join c on c.key = k.key order by 1, coalesce(k.key, c.key)""".formatted(key, name, WEEK_OF_CONTACT, REPORT_WEEKS);
        return dsl.resultQuery(inZone(sql), from, to)
                .fetch(r -> new Group(r.get("name", String.class), r.get("online", Integer.class), r.get("contacts", Integer.class),
                        share(r.get("online", Integer.class), r.get("contacts", Integer.class)),
                        round(r.get("online_minutes", Double.class)), r.get("calls", Integer.class),
                        r.get("connected", Integer.class), r.get("declined", Integer.class), r.get("missed", Integer.class),
                        r.get("busy", Integer.class), r.get("unreachable", Integer.class), r.get("failed", Integer.class),
                        round(r.get("loss", Double.class)), round(r.get("rtt", Double.class)), round(r.get("video", Double.class)),
                        perWeek(r.get("per_week", Integer[].class))));
    }

    private Savings savings(Object from, Object to) {
        Record r = dsl.resultQuery("""
                select count(*) as visits,
                       count(*) filter (where c.travel_minutes is not null and c.travel_km is not null) as with_travel,
                       coalesce(sum(2 * c.travel_minutes) filter (where c.travel_km is not null), 0) as minutes,
                       coalesce(sum(2 * c.travel_km) filter (where c.travel_minutes is not null), 0)::float8 as km
                from contact k join citizen c on c.id = k.citizen_id
                where k.kind = 'online' and k.completed and k.happened_at >= {0} and k.happened_at < {1}""", from, to).fetchOne();
        double hours = r.get("minutes", Long.class) / 60.0;
        double km = r.get("km", Double.class);
        double dkk = hours * config.hourlyCostDkk() + km * config.mileageRateDkkPerKm();
        return new Savings(r.get("visits", Integer.class), r.get("with_travel", Integer.class), round2(hours), round2(km),
                config.hourlyCostDkk(), config.mileageRateDkkPerKm(), Math.round(dkk * 100) / 100.0,
                "Σ over completed online visits: (2 × drive minutes ÷ 60) × " + config.hourlyCostDkk() + " DKK/h + 2 × km × "
                        + config.mileageRateDkkPerKm() + " DKK/km");
    }

    private AtaShare ata(Object from, Object to) {
        Record r = dsl.resultQuery(inZone("""
                with first_loan as (
                    select citizen_id, (min(started_on)::timestamp at time zone {ZONE}) as since
                    from loan where citizen_id is not null group by citizen_id),
                k as (
                    select k.happened_at >= fl.since as after, k.happened_at >= {0} as in_period, k.kind,
                           coalesce(k.minutes, 0) as minutes,
                           case when k.kind = 'physical' then 2 * coalesce(c.travel_minutes, 0) else 0 end as driving
                    from contact k join first_loan fl on fl.citizen_id = k.citizen_id join citizen c on c.id = k.citizen_id
                    where k.completed and k.happened_at < {1}),
                -- Before: every contact before the loan (the baseline); after: the period's own.
                s as (select * from k where not after or in_period)
                select count(*) filter (where not after) as n_before, count(*) filter (where after) as n_after,
                       sum(minutes) filter (where not after and kind in ('physical', 'online')) as ata_before,
                       sum(driving) filter (where not after) as drive_before,
                       sum(minutes) filter (where after and kind in ('physical', 'online')) as ata_after,
                       sum(driving) filter (where after) as drive_after
                from s"""), from, to).fetchOne();
        return new AtaShare(ataShare(r.get("ata_before", Long.class), r.get("drive_before", Long.class)),
                ataShare(r.get("ata_after", Long.class), r.get("drive_after", Long.class)),
                r.get("n_before", Integer.class), r.get("n_after", Integer.class),
                "face-to-face minutes (physical and online visits) ÷ (face-to-face minutes + 2 × drive minutes per physical visit);"
                        + " before: all contacts before the citizen's first loan; after: the period's contacts after it");
    }

    private static Double ataShare(Long ata, Long driving) {
        if (ata == null) {
            return null;
        }
        long d = driving == null ? 0 : driving;
        return ata + d == 0 ? null : round(ata / (double) (ata + d));
    }

    /** Null (a period shorter than a day) is no weeks. */
    private static List<Integer> perWeek(Integer[] counts) {
        return counts == null ? List.of() : List.of(counts);
    }

    private static Double share(int part, int all) {
        return all == 0 ? null : round(part / (double) all);
    }

    private static Double round(Double d) {
        return d == null ? null : Math.round(d * 1000) / 1000.0;
    }

    private static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
