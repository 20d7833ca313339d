package dk.bostotte.fleet.report;

import dk.bostotte.fleet.http.CsvTable;
import dk.bostotte.fleet.report.OrgReport.Group;
import dk.bostotte.fleet.report.OrgReport.Milestone;
import dk.bostotte.fleet.report.OrgReport.Report;
import dk.bostotte.fleet.report.OrgReport.Week;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The report as files for a spreadsheet: one CSV per table (a spreadsheet shows one table per file),
 * each on its own or all of them in one zip.
 */
public final class ReportCsv {

    /** The tables, by the name {@code /api/report.csv?table=} takes. */
    public static final List<String> TABLES = List.of("summary", "weeks", "groups", "weekly");

    private ReportCsv() {
    }

    /** One table ({@link #TABLES}) of {@code r} in {@code t}'s language; its text. */
    public static String table(Report r, String name, CsvTable t) {
        switch (name) {
            case "summary" -> summary(r, t);
            case "weeks" -> weeks(r, t);
            case "groups" -> groups(r, t);
            case "weekly" -> weekly(r, t);
            default -> throw new IllegalArgumentException("no report table " + name);
        }
        return t.text();
    }

    /** The file name of a table in {@code t}'s language. */
    public static String fileName(String name, CsvTable t) {
        return t.fileName("report." + name);
    }

    /** Every table, one CSV file each, in one zip. */
    public static byte[] zip(Report r, Locale locale) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : TABLES) {
                CsvTable t = CsvTable.in(locale);
                table(r, name, t);
                zip.putNextEntry(new ZipEntry(fileName(name, t)));
                zip.write(t.bytes());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void summary(Report r, CsvTable t) {
        t.header("report.area", "report.key", "report.value");
        OrgReport.Adoption a = r.adoption();
        String adoption = t.word("report.adoption");
        t.row(adoption, t.word("report.targetGroup"), a.targetGroup());
        t.row(adoption, t.word("report.recorded"), a.recorded());
        t.row(adoption, t.word("report.withDevice"), a.withDevice());
        t.row(adoption, t.word("report.active"), a.active());
        for (Milestone m : a.milestones()) {
            t.row(t.word("report.milestone"), m.milestone(),
                    m.citizens() + " " + t.word(m.reached() ? "report.reached" : "report.notReached"));
        }
        String savings = t.word("report.savings");
        t.row(savings, t.word("report.onlineVisits"), r.savings().onlineVisits());
        t.row(savings, t.word("report.drivingHours"), r.savings().drivingHours());
        t.row(savings, t.word("report.kilometres"), r.savings().kilometres());
        t.row(savings, t.word("report.dkk"), r.savings().dkk());
        t.row(t.word("report.ata"), t.word("report.before"), r.ata().before());
        t.row(t.word("report.ata"), t.word("report.after"), r.ata().after());
    }

    private static void weeks(Report r, CsvTable t) {
        t.header("report.week", "report.onlineVisits", "report.contacts", "report.onlineShare", "report.onlineMinutesMean");
        for (Week w : r.weeks()) {
            t.row(w.week().toString(), w.onlineVisits(), w.contacts(), w.onlineShare(), w.onlineMinutesMean());
        }
    }

    private static void groups(Report r, CsvTable t) {
        t.header("report.level", "report.name", "report.onlineVisits", "report.contacts", "report.onlineShare",
                "report.onlineMinutesMean", "report.calls", "report.connected", "report.declined", "report.missed",
                "report.busy", "report.unreachable", "report.failed", "report.lossPctMean", "report.rttMsMean",
                "report.videoShare");
        groupRows(t, "team", r.teams());
        groupRows(t, "worker", r.workers());
    }

    private static void groupRows(CsvTable t, String level, List<Group> groups) {
        for (Group g : groups) {
            t.row(t.word("report.level." + level), g.name(), g.onlineVisits(), g.contacts(), g.onlineShare(),
                    g.onlineMinutesMean(), g.calls(), g.connected(), g.declined(), g.missed(), g.busy(), g.unreachable(),
                    g.failed(), g.lossPctMean(), g.rttMsMean(), g.videoShare());
        }
    }

    private static void weekly(Report r, CsvTable t) {
        List<Object> head = new ArrayList<>(List.of(t.word("report.level"), t.word("report.name")));
        for (Week w : r.weeks()) {
            head.add(t.word("report.onlineVisitsInWeek").replace("{week}", w.week().toString()));
        }
        t.row(head.toArray());
        weekRows(t, "team", r.teams());
        weekRows(t, "worker", r.workers());
    }

    private static void weekRows(CsvTable t, String level, List<Group> groups) {
        for (Group g : groups) {
            List<Object> row = new ArrayList<>(Arrays.asList(t.word("report.level." + level), g.name()));
            row.addAll(g.onlineVisitsPerWeek());
            t.row(row.toArray());
        }
    }
}
