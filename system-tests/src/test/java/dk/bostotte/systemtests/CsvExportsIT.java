package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files people open in Excel, downloaded as the console's links do: each export in Danish (the
 * default: UTF-8 with a byte-order mark, semicolons, decimal commas, Danish headings and words,
 * local dates) and in English ({@code ?lang=en}: commas and decimal points), one table per file.
 */
class CsvExportsIT {

    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static FleetTestEnvironment env;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
    }

    private static HttpResponse<byte[]> download(String path, String user) {
        return env.http().send(env.http().request(path, user, PW).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The file as text after checking it is a CSV that starts with a byte-order mark. */
    private static String csv(String path, String user) {
        HttpResponse<byte[]> r = download(path, user);
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("text/csv; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""), path);
        assertArrayEquals(BOM, Arrays.copyOf(r.body(), 3), path + " starts with a UTF-8 byte-order mark");
        String text = new String(r.body(), 3, r.body().length - 3, StandardCharsets.UTF_8);
        assertFalse(text.contains("\r\n\r\n"), path + " is one table: " + text);
        return text;
    }

    @Test
    void theContactLogInDanishAndEnglish() {
        env.addUser("csv-worker", "Conni Csv", "staff", "Team Nord");
        long citizen = env.addCitizen("Ærø; \"Borger\"", "csv-worker", null);
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("kind", "phone");
        // 23:30 UTC on 19 November is half past midnight on the 20th in Copenhagen: the local date counts.
        contact.put("happenedAt", "2026-11-19T23:30:00Z");
        contact.put("minutes", 12);
        contact.put("completed", false);
        contact.put("noteType", "follow-up");
        contact.put("note", "=HYPERLINK(\"http://x\")");
        FleetHttp.createdId(env.http().postJson("/api/citizens/" + citizen + "/contacts", "csv-worker", PW, contact), "a contact");
        String period = "?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";

        String danish = csv("/api/contacts.csv" + period, "csv-worker");
        assertTrue(danish.startsWith("Kontakt-id;Dato;Klokkeslæt;Borger-id;Borger;Medarbejder;Form;Minutter;Gennemført;Emne;Note\r\n"),
                danish);
        assertTrue(danish.contains(";2026-11-20;00:30;" + citizen + ";\"Ærø; \"\"Borger\"\"\";Conni Csv;telefon;12;nej;opfølgning;"
                + "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"), danish);
        assertTrue(download("/api/contacts.csv" + period, "csv-worker").headers().firstValue("Content-Disposition").orElse("")
                .contains("kontakter.csv"));

        String english = csv("/api/contacts.csv" + period + "&lang=en", "csv-worker");
        assertTrue(english.startsWith("contact_id,date,time,citizen_id,citizen,worker,kind,minutes,completed,note_type,note\r\n"), english);
        assertTrue(english.contains(",2026-11-20,00:30," + citizen + ",\"Ærø; \"\"Borger\"\"\",Conni Csv,phone,12,no,follow-up,"
                + "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"), english);
    }

    @Test
    void theReportAsOneFilePerTableAndAllOfThemInAZip() throws Exception {
        String summary = csv("/api/report.csv?table=summary", "admin");
        assertTrue(summary.startsWith("Område;Nøgletal;Værdi\r\n"), summary);
        assertTrue(summary.matches("(?s).*\r\nBesparelse;Sparede køretimer;\\d+,\\d+\r\n.*"), "a decimal comma: " + summary);
        String english = csv("/api/report.csv?table=summary&lang=en", "manager");
        assertTrue(english.startsWith("section,key,value\r\n"), english);
        assertTrue(english.matches("(?s).*\r\nsavings,driving_hours,\\d+\\.\\d+\r\n.*"), "a decimal point: " + english);
        assertTrue(csv("/api/report.csv?table=weeks", "manager").startsWith("Uge (mandag);Onlinebesøg;Kontakter;Onlineandel;"));
        assertTrue(csv("/api/report.csv?table=weeks&lang=en", "manager").startsWith("week,online_visits,contacts,online_share,"));
        assertTrue(csv("/api/report.csv?table=groups", "manager").startsWith("Niveau;Navn;Onlinebesøg;"));
        assertTrue(csv("/api/report.csv?table=groups&lang=en", "manager").startsWith("level,name,online_visits,"));
        assertTrue(csv("/api/report.csv?table=weekly", "manager").startsWith("Niveau;Navn;Onlinebesøg uge "));
        assertTrue(csv("/api/report.csv?table=weekly&lang=en", "manager").startsWith("level,name,online_visits_"));
        var noTable = env.http().get("/api/report.csv", "manager", PW);
        assertEquals(400, noTable.statusCode());
        assertTrue(noTable.body().contains("summary, weeks, groups, weekly"), noTable.body());

        HttpResponse<byte[]> zip = download("/api/report.zip", "manager");
        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                byte[] file = in.readAllBytes();
                assertArrayEquals(BOM, Arrays.copyOf(file, 3), e.getName());
                assertTrue(new String(file, StandardCharsets.UTF_8).contains(";"), e.getName());
            }
        }
        assertEquals(List.of("rapport-overblik.csv", "rapport-uger.csv", "rapport-teams-og-medarbejdere.csv",
                "rapport-onlinebesoeg-pr-uge.csv"), names);
    }

    @Test
    void coverageInDanishAndEnglish() {
        assertTrue(csv("/api/coverage.csv", "support").startsWith("Postnummer;Enheder;Video i HD;Video;Kun lyd;Utilstrækkelig;Ukendt;"
                + "Forbindelse;"));
        assertTrue(csv("/api/coverage.csv?lang=en", "support").startsWith("postcode,devices,video_hd,video,audio_only,"));
    }
}
