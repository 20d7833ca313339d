package dk.bostotte.fleet.netq;

import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;
import static dk.bostotte.fleet.db.jooq.Tables.TELEMETRY;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;

import dk.bostotte.fleet.http.CsvTable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Coverage by area: per postcode of the citizens with a loaned device, how many devices, how their
 * lines divide over the verdicts, and median and 10th-percentile throughput per link type, over a
 * chosen period. Figures are computed in SQL over the stored samples. Blocking.
 */
public final class CoverageReport {

    /** Throughput of one link type in one postcode. */
    public record LinkFigures(String link, int devices, int samples, Double downMedianMbps, Double downP10Mbps,
                              Double upMedianMbps, Double upP10Mbps) {
    }

    public record Area(String postcode, int devices, Map<Verdict, Integer> verdicts, List<LinkFigures> links) {
    }

    /** A loaned device on the map: where its citizen lives (no name) and its line's verdict. */
    public record Point(String deviceId, String postcode, double latitude, double longitude, Verdict verdict) {
    }

    private final DSLContext dsl;
    private final ConnectionVerdicts verdicts;

    public CoverageReport(DSLContext dsl, ConnectionVerdicts verdicts) {
        this.dsl = dsl;
        this.verdicts = verdicts;
    }

    public List<Area> between(Instant from, Instant to) {
        Map<String, List<String>> devicesByPostcode = new TreeMap<>();
        dsl.select(CITIZEN.POSTCODE, CITIZEN.DEVICE_ID).from(CITIZEN)
                .where(CITIZEN.POSTCODE.isNotNull()).and(CITIZEN.DEVICE_ID.isNotNull())
                .forEach(r -> devicesByPostcode.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        List<String> all = devicesByPostcode.values().stream().flatMap(List::stream).toList();
        Map<String, ConnectionVerdicts.DeviceVerdict> lines = verdicts.between(all, from, to);

        Field<Double> downMedian = pct(0.5, TELEMETRY.DOWN_MBPS, "down_median");
        Field<Double> downP10 = pct(0.1, TELEMETRY.DOWN_MBPS, "down_p10");
        Field<Double> upMedian = pct(0.5, TELEMETRY.UP_MBPS, "up_median");
        Field<Double> upP10 = pct(0.1, TELEMETRY.UP_MBPS, "up_p10");
        Field<Integer> devices = countDistinct(TELEMETRY.DEVICE_ID).as("devices");
        Map<String, List<LinkFigures>> linksByPostcode = new LinkedHashMap<>();
        for (Record r : dsl.select(CITIZEN.POSTCODE, TELEMETRY.LINK, devices, count(), downMedian, downP10, upMedian, upP10)
                .from(TELEMETRY).join(CITIZEN).on(CITIZEN.DEVICE_ID.eq(TELEMETRY.DEVICE_ID))
                .where(CITIZEN.POSTCODE.isNotNull())
                .and(TELEMETRY.SAMPLED_AT.between(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .groupBy(CITIZEN.POSTCODE, TELEMETRY.LINK).orderBy(CITIZEN.POSTCODE, TELEMETRY.LINK).fetch()) {
            linksByPostcode.computeIfAbsent(r.get(CITIZEN.POSTCODE), k -> new ArrayList<>()).add(new LinkFigures(
                    r.get(TELEMETRY.LINK), r.get(devices), r.get(count()), SampleFigures.round(r.get(downMedian)),
                    SampleFigures.round(r.get(downP10)), SampleFigures.round(r.get(upMedian)),
                    SampleFigures.round(r.get(upP10))));
        }
        List<Area> out = new ArrayList<>();
        devicesByPostcode.forEach((postcode, ids) -> {
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            for (Verdict v : Verdict.values()) {
                counts.put(v, 0);
            }
            for (String id : ids) {
                Verdict v = lines.containsKey(id) ? lines.get(id).verdict() : Verdict.UNKNOWN;
                counts.merge(v, 1, Integer::sum);
            }
            out.add(new Area(postcode, ids.size(), counts, linksByPostcode.getOrDefault(postcode, List.of())));
        });
        return out;
    }

    /** The devices whose citizens have coordinates, with their verdict over the period. */
    public List<Point> points(Instant from, Instant to) {
        var rows = dsl.select(CITIZEN.DEVICE_ID, CITIZEN.POSTCODE, CITIZEN.LATITUDE, CITIZEN.LONGITUDE).from(CITIZEN)
                .where(CITIZEN.DEVICE_ID.isNotNull()).and(CITIZEN.LATITUDE.isNotNull()).and(CITIZEN.LONGITUDE.isNotNull())
                .orderBy(CITIZEN.DEVICE_ID).fetch();
        Map<String, ConnectionVerdicts.DeviceVerdict> lines = verdicts.between(rows.map(r -> r.value1()), from, to);
        return rows.map(r -> new Point(r.value1(), r.value2(), r.value3(), r.value4(),
                lines.containsKey(r.value1()) ? lines.get(r.value1()).verdict() : Verdict.UNKNOWN));
    }

    /**
     * The report as one CSV table in {@code t}'s language for the municipality's own tools: one row per
     * postcode and link type (a postcode without samples has one row with the link cells empty).
     */
    public static String csv(List<Area> areas, CsvTable t) {
        t.header("coverage.postcode", "coverage.devices", "coverage.videoHd", "coverage.video", "coverage.audioOnly",
                "coverage.insufficient", "coverage.unknown", "coverage.link", "coverage.linkDevices", "coverage.samples",
                "coverage.downMedianMbps", "coverage.downP10Mbps", "coverage.upMedianMbps", "coverage.upP10Mbps");
        for (Area a : areas) {
            List<Object> head = Arrays.asList(a.postcode(), a.devices(), a.verdicts().get(Verdict.VIDEO_HD),
                    a.verdicts().get(Verdict.VIDEO), a.verdicts().get(Verdict.AUDIO_ONLY),
                    a.verdicts().get(Verdict.INSUFFICIENT), a.verdicts().get(Verdict.UNKNOWN));
            if (a.links().isEmpty()) {
                t.row(row(head, null, null, null, null, null, null, null));
            }
            for (LinkFigures l : a.links()) {
                t.row(row(head, linkWord(t, l.link()), l.devices(), l.samples(), l.downMedianMbps(), l.downP10Mbps(),
                        l.upMedianMbps(), l.upP10Mbps()));
            }
        }
        return t.text();
    }

    private static Object[] row(List<Object> head, Object... rest) {
        List<Object> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(rest));
        return all.toArray();
    }

    /** A link type in words where the bundle has it (ethernet, wifi, cellular), else as the device said it. */
    private static String linkWord(CsvTable t, String link) {
        try {
            return link == null ? null : t.word("link." + link);
        } catch (MissingResourceException e) {
            return link;
        }
    }

    private static Field<Double> pct(double p, Field<? extends Number> f, String name) {
        return SampleFigures.percentile(p, f, name);
    }

}
