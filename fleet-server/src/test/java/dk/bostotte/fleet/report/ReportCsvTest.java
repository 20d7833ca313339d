package dk.bostotte.fleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.fleet.http.CsvTable;
import dk.bostotte.fleet.report.OrgReport.Group;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The report's tables each in a file of their own, in Danish and English, and all of them in one zip. */
class ReportCsvTest {

    private static final Locale DANISH = Locale.forLanguageTag("da");

    private static final OrgReport.Report REPORT = new OrgReport.Report(Instant.parse("2026-10-05T00:00:00Z"),
            Instant.parse("2026-10-19T00:00:00Z"),
            new OrgReport.Adoption(100, 12, 10, 3, List.of(new OrgReport.Milestone("50", 50, false))),
            List.of(new OrgReport.Week(LocalDate.parse("2026-10-05"), 1, 2, 0.5, 30.0),
                    new OrgReport.Week(LocalDate.parse("2026-10-12"), 3, 5, 0.6, 35.0)),
            List.of(new Group("Nord", 4, 7, 0.571, 33.5, 3, 2, 0, 1, 0, 0, 0, 1.0, 40.0, 1.0, List.of(1, 3))),
            List.of(new Group("Anne; \"A\"", 3, 4, 0.75, 33.333, 2, 1, 0, 1, 0, 0, 0, 1.0, 40.0, 1.0, List.of(1, 2))),
            new OrgReport.Savings(4, 4, 3.15, 120.5, 450, 3.79, 1416.67, "f"),
            new OrgReport.AtaShare(0.474, null, 2, 6, "f"));

    @Test
    void eachTableIsOneTableInDanish() {
        String summary = ReportCsv.table(REPORT, "summary", CsvTable.in(DANISH));
        assertTrue(summary.startsWith("\uFEFFOmråde;Nøgletal;Værdi\r\n"), summary);
        assertTrue(summary.contains("Besparelse;Kroner;1416,67\r\n"), summary);
        assertTrue(summary.contains("Milepæl;50;50 ikke nået\r\n"), summary);
        assertTrue(summary.contains("Ansigt-til-ansigt-andel;Efter;\r\n"), summary);
        String weeks = ReportCsv.table(REPORT, "weeks", CsvTable.in(DANISH));
        assertEquals("\uFEFFUge (mandag);Onlinebesøg;Kontakter;Onlineandel;Minutter pr. onlinebesøg\r\n"
                + "2026-10-05;1;2;0,5;30,0\r\n2026-10-12;3;5;0,6;35,0\r\n", weeks);
        String groups = ReportCsv.table(REPORT, "groups", CsvTable.in(DANISH));
        assertTrue(groups.contains("medarbejder;\"Anne; \"\"A\"\"\";3;4;0,75;33,333;2;1;0;1;0;0;0;1,0;40,0;1,0\r\n"), groups);
        String weekly = ReportCsv.table(REPORT, "weekly", CsvTable.in(DANISH));
        assertTrue(weekly.startsWith("\uFEFFNiveau;Navn;Onlinebesøg uge 2026-10-05;Onlinebesøg uge 2026-10-12\r\nteam;Nord;1;3\r\n"), weekly);
        for (String table : List.of(summary, weeks, groups, weekly)) {
            assertTrue(!table.contains("\r\n\r\n"), "one table, no blank line between sections: " + table);
        }
    }

    @Test
    void theEnglishFormKeepsItsHeadingsCommasAndPoints() {
        assertTrue(ReportCsv.table(REPORT, "summary", CsvTable.in(Locale.ENGLISH)).contains("savings,dkk,1416.67\r\n"));
        assertTrue(ReportCsv.table(REPORT, "weeks", CsvTable.in(Locale.ENGLISH)).contains("2026-10-12,3,5,0.6,35.0\r\n"));
        assertTrue(ReportCsv.table(REPORT, "weekly", CsvTable.in(Locale.ENGLISH))
                .contains("level,name,online_visits_2026-10-05,online_visits_2026-10-12\r\n"));
    }

    @Test
    void theZipHoldsOneCsvPerTable() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ReportCsv.zip(REPORT, DANISH)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(text.startsWith("\uFEFF") && text.contains(";"), e.getName() + ": " + text);
            }
        }
        assertEquals(List.of("rapport-overblik.csv", "rapport-uger.csv", "rapport-teams-og-medarbejdere.csv",
                "rapport-onlinebesoeg-pr-uge.csv"), names);
    }
}
