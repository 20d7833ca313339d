package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The organisation's report against a fixture whose totals are worked out by hand below. Its own
 * fleet server (an empty database), so no other test's citizens or calls change the sums.
 *
 * <pre>
 * Period [2026-10-05, 2026-10-19): ISO weeks of Monday 5 and Monday 12 October. Target group 20,
 * milestones 3 and 25 % (= 5 citizens); 400 DKK an hour, 3.5 DKK a km.
 *
 * citizen  worker (team)  device  travel one way  loan from   in target group
 * C1       Anne (Nord)    D1      20 min 12.5 km  2026-10-01  yes
 * C2       Bent (Nord)    D2      30 min 20 km    2026-10-01  yes
 * C3       Cille (Syd)    –       –               –           yes
 * C4       Anne (Nord)    D3      10 min 5 km     2026-10-01  no
 *
 * #   citizen kind      when        min completed
 * 1   C1      online    10-06       25  yes
 * 2   C1      online    10-13       35  yes
 * 3   C1      physical  10-14       60  yes
 * 4   C2      online    10-07       20  yes
 * 5   C2      online    10-08       10  no
 * 6   C2      phone     10-15       15  yes
 * 7   C3      physical  10-09       45  yes
 * 8   C3      online    10-16       30  yes
 * 9   C4      online    10-12       40  yes
 * 10  C1      physical  09-20       50  yes   (before the loan, before the period)
 * 11  C2      physical  09-25       40  yes   (before the loan, before the period, inside the 4-week window)
 * 12  C1      online    10-20       15  yes   (after the period)
 *
 * Adoption at 10-19: recorded 3 (C1-C3), with a device 2 (C1, C2), active 3 (C1 #1/#2, C2 #4, C3 #8).
 * Week 10-05: completed 1, 4, 7 = 3; online 1, 4 = 2; share 0.667; mean (25+20)/2 = 22.5.
 * Week 10-12: completed 2, 3, 6, 8, 9 = 5; online 2, 8, 9 = 3; share 0.6; mean (35+30+40)/3 = 35.
 * Anne: 1, 2, 3, 9 → 4 contacts, 3 online, 0.75, mean 33.333. Bent: 4, 6 → 2, 1, 0.5, 20. Cille: 7, 8 → 2, 1, 0.5, 30.
 * Nord: 6 contacts, 4 online, 0.667, mean 30. Syd: 2, 1, 0.5, 30.
 * Online visits per week (10-05, 10-12): Anne 1 (#1), 2 (#2, #9); Bent 1 (#4; #5 not completed), 0; Cille 0, 1 (#8);
 *   Nord 2, 2; Syd 0, 1.
 * Calls: Anne ended+connected (loss 1, rtt 40, video) and missed; Bent ended+connected (loss 3, rtt 80, audio only)
 *   and failed; Cille declined. Nord: 4 calls, 2 connected, 1 missed, 1 failed, loss 2, rtt 60, video share 0.5.
 * Savings: online completed in period 1, 2, 4, 8, 9 = 5 visits, 4 with travel (C3 has none):
 *   2 × (20+20+30+10) = 160 min = 2.67 h; 2 × (12.5+12.5+20+5) = 100 km; 160/60 × 400 + 100 × 3.5 = 1416.67 DKK.
 * ATA (completed contacts of citizens with a loan): before = every one before the loan (the baseline), #10, #11:
 *   (50+40) / (50+40 + 2×20 + 2×30) = 90/190 = 0.474; after = those in the period, #1, #2, #3, #4, #6, #9 (not #12,
 *   after the period): (25+35+60+20+40) / (180 + 2×20) = 180/220 = 0.818 (the phone call counts neither way).
 * </pre>
 */
class ReportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static final String PERIOD = "from=2026-10-05T00:00:00Z&to=2026-10-19T00:00:00Z";

    private static FleetTestEnvironment env;

    @BeforeAll
    static void fixture() {
        env = FleetTestEnvironment.start(Map.of("report.target.group", "20", "report.milestones", "3,25%",
                "report.hourly.cost.dkk", "400", "report.mileage.rate.dkk", "3.5"));
        long anne = env.addUser("anne", "Anne", "staff", "Nord");
        long bent = env.addUser("bent", "Bent", "staff", "Nord");
        long cille = env.addUser("cille", "Cille", "staff", "Syd");
        env.addUser("mona", "Mona Manager", "manager", null);
        var d1 = env.enroll("rpi4-kiosk", "report-1").id();
        var d2 = env.enroll("rpi4-kiosk", "report-2").id();
        var d3 = env.enroll("rpi4-kiosk", "report-3").id();
        long c1 = env.addCitizen("C1", "anne", d1);
        long c2 = env.addCitizen("C2", "bent", d2);
        long c3 = env.addCitizen("C3", "cille", null);
        long c4 = env.addCitizen("C4", "anne", d3);
        var db = env.db();
        db.execute("update citizen set travel_minutes = 20, travel_km = 12.5 where id = ?", c1);
        db.execute("update citizen set travel_minutes = 30, travel_km = 20 where id = ?", c2);
        db.execute("update citizen set travel_minutes = 10, travel_km = 5, in_target_group = false where id = ?", c4);
        db.execute("update loan set started_on = '2026-10-01' where citizen_id in (?, ?, ?)", c1, c2, c4);
        contact(c1, anne, "online", "2026-10-06", 25, true);
        contact(c1, anne, "online", "2026-10-13", 35, true);
        contact(c1, anne, "physical", "2026-10-14", 60, true);
        contact(c2, bent, "online", "2026-10-07", 20, true);
        contact(c2, bent, "online", "2026-10-08", 10, false);
        contact(c2, bent, "phone", "2026-10-15", 15, true);
        contact(c3, cille, "physical", "2026-10-09", 45, true);
        contact(c3, cille, "online", "2026-10-16", 30, true);
        contact(c4, anne, "online", "2026-10-12", 40, true);
        contact(c1, anne, "physical", "2026-09-20", 50, true);
        contact(c2, bent, "physical", "2026-09-25", 40, true);
        contact(c1, anne, "online", "2026-10-20", 15, true);
        call(d1.value(), c1, anne, "ended", true, "{\"device\":{\"lossPctMean\":1.0,\"rttMsMean\":40.0},\"lastMode\":\"video\"}");
        call(d1.value(), c1, anne, "missed", false, null);
        call(d2.value(), c2, bent, "ended", true, "{\"device\":{\"lossPctMean\":3.0,\"rttMsMean\":80.0},\"lastMode\":\"audio-only\"}");
        call(d2.value(), c2, bent, "failed", false, null);
        call(d3.value(), c4, cille, "declined", false, null);
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    private static void contact(long citizen, long account, String kind, String day, int minutes, boolean completed) {
        env.db().execute("insert into contact (citizen_id, account_id, kind, happened_at, minutes, completed, created_by) "
                + "values (?, ?, ?, (?::date + time '10:00') at time zone 'UTC', ?, ?, 'fixture')", citizen, account, kind, day,
                minutes, completed);
    }

    private static void call(String device, long citizen, long account, String state, boolean connected, String quality) {
        env.db().execute("insert into call (id, device_id, citizen_id, account_id, direction, state, created_at, connected_at, "
                + "quality) values (?, ?, ?, ?, 'to-device', ?, timestamptz '2026-10-10 09:00Z', "
                + (connected ? "timestamptz '2026-10-10 09:00:05Z'" : "null") + ", ?::jsonb)",
                UUID.randomUUID(), device, citizen, account, state, quality);
    }

    private static JsonNode report(String user) throws Exception {
        var r = env.http().get("/api/report?" + PERIOD, user, PW);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (name.equals(n.path("name").asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + name + " in " + list);
    }

    @Test
    void adoptionAgainstTheMilestones() throws Exception {
        JsonNode a = report("admin").path("adoption");
        assertEquals(20, a.path("targetGroup").asInt());
        assertEquals(3, a.path("recorded").asInt());
        assertEquals(2, a.path("withDevice").asInt());
        assertEquals(3, a.path("active").asInt());
        assertEquals("3", a.path("milestones").get(0).path("milestone").asText());
        assertEquals(3, a.path("milestones").get(0).path("citizens").asInt());
        assertTrue(a.path("milestones").get(0).path("reached").asBoolean());
        assertEquals(5, a.path("milestones").get(1).path("citizens").asInt(), "25 % of 20");
        assertTrue(!a.path("milestones").get(1).path("reached").asBoolean());
    }

    @Test
    void activityPerWeek() throws Exception {
        JsonNode weeks = report("admin").path("weeks");
        assertEquals(2, weeks.size(), weeks.toString());
        assertEquals("2026-10-05", weeks.get(0).path("week").asText());
        assertEquals(2, weeks.get(0).path("onlineVisits").asInt());
        assertEquals(3, weeks.get(0).path("contacts").asInt());
        assertEquals(0.667, weeks.get(0).path("onlineShare").asDouble(), 1e-9);
        assertEquals(22.5, weeks.get(0).path("onlineMinutesMean").asDouble(), 1e-9);
        assertEquals("2026-10-12", weeks.get(1).path("week").asText());
        assertEquals(3, weeks.get(1).path("onlineVisits").asInt());
        assertEquals(5, weeks.get(1).path("contacts").asInt());
        assertEquals(0.6, weeks.get(1).path("onlineShare").asDouble(), 1e-9);
        assertEquals(35.0, weeks.get(1).path("onlineMinutesMean").asDouble(), 1e-9);
    }

    @Test
    void aWeekWithoutContactsIsAZeroNotAGap() throws Exception {
        // From Monday 28 September: no contact falls in that week (#10 is in the week of 14, #11 of 21 September).
        var r = env.http().get("/api/report?from=2026-09-28T00:00:00Z&to=2026-10-19T00:00:00Z", "admin", PW);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode weeks = JSON.readTree(r.body()).path("weeks");
        assertEquals(3, weeks.size(), weeks.toString());
        assertEquals("2026-09-28", weeks.get(0).path("week").asText());
        assertEquals(0, weeks.get(0).path("onlineVisits").asInt());
        assertEquals(0, weeks.get(0).path("contacts").asInt());
        assertTrue(weeks.get(0).path("onlineShare").isNull() || weeks.get(0).path("onlineShare").isMissingNode(),
                "no share of nothing: " + weeks.get(0));
        assertEquals("2026-10-05", weeks.get(1).path("week").asText());
        assertEquals(2, weeks.get(1).path("onlineVisits").asInt());
    }

    @Test
    void perWorkerAndPerTeamWithCallOutcomesAndQuality() throws Exception {
        JsonNode r = report("admin");
        JsonNode anne = named(r.path("workers"), "Anne");
        assertEquals(3, anne.path("onlineVisits").asInt());
        assertEquals(4, anne.path("contacts").asInt());
        assertEquals(0.75, anne.path("onlineShare").asDouble(), 1e-9);
        assertEquals(33.333, anne.path("onlineMinutesMean").asDouble(), 1e-9);
        assertEquals(2, anne.path("calls").asInt());
        assertEquals(1, anne.path("connected").asInt());
        assertEquals(1, anne.path("missed").asInt());
        assertEquals(1.0, anne.path("videoShare").asDouble(), 1e-9);
        JsonNode bent = named(r.path("workers"), "Bent");
        assertEquals(1, bent.path("onlineVisits").asInt());
        assertEquals(2, bent.path("contacts").asInt());
        assertEquals(1, bent.path("failed").asInt());
        assertEquals(80.0, bent.path("rttMsMean").asDouble(), 1e-9);
        JsonNode cille = named(r.path("workers"), "Cille");
        assertEquals(1, cille.path("declined").asInt());
        assertTrue(!cille.hasNonNull("lossPctMean"), "no connected call, no quality");

        JsonNode nord = named(r.path("teams"), "Nord");
        assertEquals(4, nord.path("onlineVisits").asInt());
        assertEquals(6, nord.path("contacts").asInt());
        assertEquals(0.667, nord.path("onlineShare").asDouble(), 1e-9);
        assertEquals(30.0, nord.path("onlineMinutesMean").asDouble(), 1e-9);
        assertEquals(4, nord.path("calls").asInt());
        assertEquals(2, nord.path("connected").asInt());
        assertEquals(2.0, nord.path("lossPctMean").asDouble(), 1e-9);
        assertEquals(60.0, nord.path("rttMsMean").asDouble(), 1e-9);
        assertEquals(0.5, nord.path("videoShare").asDouble(), 1e-9);
        JsonNode syd = named(r.path("teams"), "Syd");
        assertEquals(1, syd.path("onlineVisits").asInt());
        assertEquals(2, syd.path("contacts").asInt());
    }

    @Test
    void onlineVisitsPerWeekForEachTeamAndWorker() throws Exception {
        JsonNode r = report("admin");
        assertEquals("[1,2]", named(r.path("workers"), "Anne").path("onlineVisitsPerWeek").toString());
        assertEquals("[1,0]", named(r.path("workers"), "Bent").path("onlineVisitsPerWeek").toString());
        assertEquals("[0,1]", named(r.path("workers"), "Cille").path("onlineVisitsPerWeek").toString());
        assertEquals("[2,2]", named(r.path("teams"), "Nord").path("onlineVisitsPerWeek").toString());
        assertEquals("[0,1]", named(r.path("teams"), "Syd").path("onlineVisitsPerWeek").toString());
        // A week without any contact is a zero in every row, as in the organisation's weeks.
        var longer = env.http().get("/api/report?from=2026-09-28T00:00:00Z&to=2026-10-19T00:00:00Z", "admin", PW);
        assertEquals("[0,1,2]", named(JSON.readTree(longer.body()).path("workers"), "Anne").path("onlineVisitsPerWeek")
                .toString());
    }

    @Test
    void savingsWithTheFormulaShown() throws Exception {
        JsonNode s = report("admin").path("savings");
        assertEquals(5, s.path("onlineVisits").asInt());
        assertEquals(4, s.path("visitsWithTravel").asInt());
        assertEquals(2.67, s.path("drivingHours").asDouble(), 1e-9);
        assertEquals(100.0, s.path("kilometres").asDouble(), 1e-9);
        assertEquals(1416.67, s.path("dkk").asDouble(), 1e-9);
        assertTrue(s.path("formula").asText().contains("400") && s.path("formula").asText().contains("3.5"), s.toString());
    }

    @Test
    void faceToFaceShareBeforeAndAfterTheLoan() throws Exception {
        JsonNode a = report("admin").path("ata");
        assertEquals(2, a.path("contactsBefore").asInt());
        assertEquals(6, a.path("contactsAfter").asInt());
        assertEquals(0.474, a.path("before").asDouble(), 1e-9);
        assertEquals(0.818, a.path("after").asDouble(), 1e-9);
    }

    @Test
    void aManagerReadsItStaffDoNotAndTheCsvCarriesTheSameFigures() throws Exception {
        assertEquals(3, report("mona").path("adoption").path("active").asInt());
        assertEquals(403, env.http().get("/api/report?" + PERIOD, "anne", PW).statusCode());
        assertEquals(403, env.http().get("/api/citizens", "mona", PW).statusCode(), "a manager sees no citizens");
        // One table per file; the English form here (Danish is the default: CsvExportsIT).
        var csv = env.http().get("/api/report.csv?" + PERIOD + "&table=summary&lang=en", "mona", PW);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().contains("savings,dkk,1416.67"), csv.body());
        assertTrue(csv.body().contains("adoption,active_4_weeks,3"), csv.body());
        String weeks = env.http().get("/api/report.csv?" + PERIOD + "&table=weeks&lang=en", "mona", PW).body();
        assertTrue(weeks.contains("2026-10-12,3,5,0.6,35.0"), weeks);
        String groups = env.http().get("/api/report.csv?" + PERIOD + "&table=groups&lang=en", "mona", PW).body();
        assertTrue(groups.contains("worker,Anne,3,4,0.75,33.333,2,1,0,1,0,0,0,1.0,40.0,1.0"), groups);
        String weekly = env.http().get("/api/report.csv?" + PERIOD + "&table=weekly&lang=en", "mona", PW).body();
        assertTrue(weekly.contains("level,name,online_visits_2026-10-05,online_visits_2026-10-12\r\n"), weekly);
        assertTrue(weekly.contains("team,Nord,2,2\r\n"), weekly);
        var bad = env.http().get("/api/report?from=yesterday", "admin", PW);
        assertEquals(400, bad.statusCode());
    }
}
