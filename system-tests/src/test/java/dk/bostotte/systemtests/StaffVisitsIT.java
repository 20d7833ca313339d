package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The support worker's day in a real browser: "Mine borgere" with the pre-call check, booking an
 * online visit that the citizen's kiosk then shows, the reminder, calling from the visit, marking
 * it completed in the contact log, and the report counting it. Then: a worker sees only their own
 * citizens in the list, the API and the export.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class StaffVisitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;

    private static FleetTestEnvironment env;
    private static ConsoleBrowser browser;
    private static EnrolledDevice kiosk;
    private static DeviceProcess device;
    private static long vera;
    private static long otto;
    /** Vibeke's second citizen: a kiosk enrolled and lent but never switched on. */
    private static long ingrid;
    private static Path kioskScreens;

    /** Whether the latest screen the kiosk drew has a line with all of {@code parts}. */
    private static boolean kioskSays(String... parts) {
        try (var files = java.nio.file.Files.list(kioskScreens)) {
            Path latest = files.filter(p -> p.toString().endsWith(".txt")).sorted().reduce((a, b) -> b).orElse(null);
            return latest != null && java.nio.file.Files.readAllLines(latest).stream()
                    .anyMatch(line -> java.util.Arrays.stream(parts).allMatch(line::contains));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @BeforeAll
    static void start() {
        ConsoleBrowser.require();
        env = FleetTestEnvironment.shared();
        env.addUser("visit-worker", "Vibeke Visit", "staff", "Team Vest");
        env.addUser("other-worker", "Ole Other", "staff", "Team Øst");
        kiosk = env.enroll("rpi4-kiosk", "staff-visits");
        EnrolledDevice otherKiosk = env.enroll("rpi4-kiosk", "staff-visits-other");
        vera = env.addCitizen("Vera Visit", "visit-worker", kiosk.id());
        otto = env.addCitizen("Otto Other", "other-worker", otherKiosk.id());
        ingrid = env.addCitizen("Ingrid Ikkeforbundet", "visit-worker", env.enroll("rpi4-kiosk", "staff-visits-unplugged").id());
        // With its screen drawn off-screen: each screen is saved with the words on it, to read what the citizen sees.
        try {
            kioskScreens = java.nio.file.Files.createTempDirectory("staff-visits-kiosk-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        device = env.startDevice(kiosk, "--simulate", "--answer-after-s", "2", "--ice-local-address", "127.0.0.1",
                "--ui", "offscreen", "--ui-snapshots", kioskScreens.toString());
        device.awaitConnected(Duration.ofSeconds(30));
        browser = ConsoleBrowser.shared(env.httpUrl());
        browser.signIn("visit-worker", PW);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (device != null) {
            device.close();
        }
    }

    private static JsonNode get(String path, String user) throws Exception {
        var r = env.http().get(path, user, PW);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static By row(long citizen) {
        return By.cssSelector("#citizens tr[data-citizen='" + citizen + "']");
    }

    @Test
    void a_theWorkerBooksAVisitTheKioskShowsItAndTheConsoleReminds() throws Exception {
        browser.get("/");
        browser.waitFor(Duration.ofSeconds(15), () -> !browser.findAll(row(vera)).isEmpty());
        assertTrue(browser.findAll(row(otto)).isEmpty(), "another worker's citizen is not in the list");
        browser.waitFor(Duration.ofSeconds(15), () -> browser.find(row(vera)).getText().contains("Online"));
        // The pre-call check, in the console's Danish, before the worker presses anything.
        String unplugged = browser.find(row(ingrid)).getText();
        assertTrue(unplugged.contains("Skærmen er offline – opkaldet når ikke frem"), unplugged);
        assertTrue(browser.find(By.cssSelector("#citizens tr[data-citizen='" + ingrid + "'] button.call"))
                .getAttribute("class").contains("unlikely"), "its call button says a call is unlikely to work");
        assertFalse(browser.find(row(vera)).getText().contains("opkaldet når ikke frem"), "an online kiosk has no warning");
        browser.screenshot("staff-my-citizens");

        browser.click(By.cssSelector("button.book[data-citizen='" + vera + "']"), Duration.ofSeconds(5));
        // In ten minutes: inside the citizen's default 15-minute reminder.
        Instant at = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        browser.js("const i = document.querySelector('#book-dialog [name=startsAt]');"
                + "const d = new Date(" + at.toEpochMilli() + ");"
                + "i.value = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);");
        browser.click(By.cssSelector("#book-dialog button[value=save]"), Duration.ofSeconds(5));

        device.awaitLog("kiosk info: worker Vibeke Visit, line [a-z-]+, 1 visit\\(s\\) booked, next at " + at, Duration.ofSeconds(30));
        // The citizen's screen shows it: who calls, and when (the device's own clock and zone).
        String hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneId.systemDefault()).format(at);
        FleetTestEnvironment.await("the kiosk showing the visit", Duration.ofSeconds(15), () -> kioskSays("Vibeke Visit", hhmm));
        browser.waitFor(Duration.ofSeconds(15), () -> !browser.findAll(By.cssSelector("#visit-reminders .reminder")).isEmpty());
        assertTrue(browser.find(By.cssSelector("#visit-reminders .reminder")).getText().contains("Vera Visit"));
        assertTrue(!browser.find(row(vera)).getText().contains("Intet aftalt"), "the next visit is in the list");
        browser.screenshot("staff-visit-booked");
        assertEquals(1, env.db().fetchCount(env.db().selectFrom("audit_log")
                .where("actor = 'visit-worker' and action = 'appointment.book'")));
    }

    @Test
    void b_theWorkerCallsFromTheVisitAndMarksItCompleted() throws Exception {
        JsonNode visit = get("/api/appointments", "visit-worker").get(0);
        long appointment = visit.path("id").asLong();
        browser.click(By.cssSelector("button.call-visit[data-appointment='" + appointment + "']"), Duration.ofSeconds(5));
        browser.waitFor(Duration.ofSeconds(30), () -> "connected".equals(String.valueOf(browser.js("return window.bostotteCall.state"))));
        String callId = String.valueOf(browser.js("return window.bostotteCall.callId"));
        browser.click(By.id("call-hangup"), Duration.ofSeconds(5));

        // After the call: was it the visit?
        browser.waitFor(Duration.ofSeconds(5), () -> browser.find(By.id("contact-dialog")).isDisplayed());
        browser.js("document.querySelector('#contact-dialog [name=noteType]').value = 'structure';");
        browser.find(By.cssSelector("#contact-dialog textarea[name=note]")).sendKeys("Ugeplan gennemgået");
        browser.screenshot("staff-after-call");
        browser.click(By.cssSelector("#contact-dialog button[value=save]"), Duration.ofSeconds(5));
        browser.waitFor(Duration.ofSeconds(10), () -> browser.find(By.id("contacts")).getText().contains("Ugeplan gennemgået"));
        browser.screenshot("staff-contact-logged");

        JsonNode contacts = get("/api/contacts", "visit-worker");
        assertEquals(1, contacts.size(), contacts.toString());
        assertEquals("online", contacts.get(0).path("kind").asText());
        assertTrue(contacts.get(0).path("completed").asBoolean());
        assertEquals("structure", contacts.get(0).path("noteType").asText());
        assertEquals(callId, contacts.get(0).path("callId").asText());
        assertEquals(appointment, ((Number) env.db().fetchValue("select appointment_id from call where id = ?::uuid", callId))
                .longValue(), "the call is linked to the visit it was made from");
        var again = env.http().post("/api/calls/" + callId + "/contact", "visit-worker", PW, "{\"completed\":true}");
        assertEquals(409, again.statusCode(), "a call goes into the log once");

        JsonNode report = get("/api/report", "admin");
        JsonNode me = null;
        for (JsonNode w : report.path("workers")) {
            if ("Vibeke Visit".equals(w.path("name").asText())) {
                me = w;
            }
        }
        assertTrue(me != null && me.path("onlineVisits").asInt() == 1, "the report counts the visit: " + report.path("workers"));
        assertTrue(report.path("adoption").path("active").asInt() >= 1);
    }

    @Test
    void c_aWorkerSeesOnlyTheirOwnCitizensInTheListTheApiAndTheExport() throws Exception {
        JsonNode mine = get("/api/citizens", "other-worker");
        assertEquals(1, mine.size(), mine.toString());
        assertEquals("Otto Other", mine.get(0).path("citizen").path("displayName").asText());
        assertEquals(0, get("/api/contacts", "other-worker").size(), "Vera's contact is not Ole's");
        assertEquals(0, get("/api/appointments", "other-worker").size());
        String csv = env.http().get("/api/contacts.csv", "other-worker", PW).body();
        assertFalse(csv.contains("Vera"), csv);
        assertTrue(env.http().get("/api/contacts.csv", "visit-worker", PW).body().contains("Vera Visit"));

        var book = env.http().post("/api/citizens/" + vera + "/appointments", "other-worker", PW,
                "{\"startsAt\":\"2030-01-01T10:00:00Z\"}");
        assertEquals(404, book.statusCode(), book.body());
        var log = env.http().post("/api/citizens/" + vera + "/contacts", "other-worker", PW,
                "{\"kind\":\"phone\",\"completed\":true}");
        assertEquals(404, log.statusCode(), log.body());
        long visit = get("/api/appointments", "visit-worker").get(0).path("id").asLong();
        assertEquals(404, env.http().delete("/api/appointments/" + visit, "other-worker", PW).statusCode());
        var move = env.http().put("/api/appointments/" + visit, "other-worker", PW, "{\"startsAt\":\"2030-01-01T10:00:00Z\"}");
        assertEquals(404, move.statusCode(), move.body());
        var settings = env.http().put("/api/citizens/" + vera + "/visit-settings", "other-worker", PW, "{\"reminderMinutes\":5}");
        assertEquals(404, settings.statusCode(), settings.body());
        var policy = env.http().put("/api/citizens/" + vera + "/answer-policy", "other-worker", PW, "{\"answerPolicy\":\"ring\"}");
        assertEquals(404, policy.statusCode(), policy.body());

        // Vera's call from b_: not in Ole's call list, not readable, not his to log.
        String veraCall = get("/api/contacts", "visit-worker").get(0).path("callId").asText();
        assertFalse(get("/api/calls", "other-worker").toString().contains(veraCall));
        assertTrue(get("/api/calls", "visit-worker").toString().contains(veraCall));
        assertEquals(404, env.http().get("/api/calls/" + veraCall, "other-worker", PW).statusCode());
        var logCall = env.http().post("/api/calls/" + veraCall + "/contact", "other-worker", PW, "{\"completed\":true}");
        assertEquals(404, logCall.statusCode(), logCall.body());

        // Nothing of the above changed Vera's visit, settings or log, nor wrote an audit entry for Ole.
        assertEquals(visit, get("/api/appointments", "visit-worker").get(0).path("id").asLong());
        assertEquals(0, env.db().fetchCount(env.db().selectFrom("audit_log")
                .where("actor = 'other-worker' and action <> 'contact.export'")), "refused requests change nothing");
        assertEquals(1, audited("other-worker", "contact.export"), "his own (empty) export is audited, as every export is");
        assertEquals(1, get("/api/contacts?citizen=" + vera, "admin").size(), "an admin sees everyone's");
    }

    private static JsonNode citizen(long id, String user) throws Exception {
        for (JsonNode v : get("/api/citizens", user)) {
            if (v.path("citizen").path("id").asLong() == id) {
                return v.path("citizen");
            }
        }
        throw new AssertionError("no citizen " + id + " for " + user);
    }

    private static int audited(String actor, String action) {
        return env.db().fetchCount(env.db().selectFrom("audit_log").where("actor = ? and action = ?", actor, action));
    }

    /** Opens the settings dialog for Vera, lets {@code edit} change the form, and saves. */
    private static void saveSettings(String edit) {
        browser.get("/");
        browser.click(By.cssSelector("button.settings[data-citizen='" + vera + "']"), Duration.ofSeconds(15));
        browser.waitFor(Duration.ofSeconds(5), () -> browser.find(By.id("settings-dialog")).isDisplayed());
        browser.js("const f = document.querySelector('#settings-dialog form');" + edit);
        browser.click(By.cssSelector("#settings-dialog button[value=save]"), Duration.ofSeconds(5));
        browser.waitFor(Duration.ofSeconds(5), () -> !browser.find(By.id("settings-dialog")).isDisplayed());
    }

    @Test
    void d2_theSettingsDialogChangesTheAnswerPolicyOnlyWhenTheWorkerDoes() throws Exception {
        var policy = env.http().put("/api/citizens/" + vera + "/answer-policy", "admin", PW,
                "{\"answerPolicy\":\"auto-answer\",\"autoAnswerS\":5,\"autoAnswerCallers\":[\"visit-worker\",\"staff\"]}");
        assertEquals(200, policy.statusCode(), policy.body());

        saveSettings("f.reminderMinutes.value = '20';");
        browser.waitFor(Duration.ofSeconds(10), () -> {
            try {
                return citizen(vera, "visit-worker").path("reminderMinutes").asInt() == 20;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode kept = citizen(vera, "visit-worker");
        assertEquals("auto-answer", kept.path("answerPolicy").asText(), kept.toString());
        assertEquals("[\"staff\",\"visit-worker\"]", kept.path("autoAnswerUsernames").toString(),
                "saving the reminder leaves the list of callers alone");
        assertEquals(0, audited("visit-worker", "citizen.answer-policy"), "and writes no answer-policy change");

        saveSettings("f.autoAnswerCallers.value = 'visit-worker'; f.autoAnswerS.value = '8';");
        browser.waitFor(Duration.ofSeconds(10), () -> audited("visit-worker", "citizen.answer-policy") == 1);
        JsonNode changed = citizen(vera, "visit-worker");
        assertEquals("[\"visit-worker\"]", changed.path("autoAnswerUsernames").toString(), changed.toString());
        assertEquals(8, changed.path("autoAnswerS").asInt());

        saveSettings("f.answerPolicy.value = 'ring';");
        browser.waitFor(Duration.ofSeconds(10), () -> audited("visit-worker", "citizen.answer-policy") == 2);
        assertEquals("ring", citizen(vera, "visit-worker").path("answerPolicy").asText());
        browser.screenshot("staff-settings-saved");
    }

    @Test
    void d_visitsMoveAndCancelAndContactsAreCheckedAndAudited() throws Exception {
        long visit = get("/api/appointments", "visit-worker").get(0).path("id").asLong();
        // Moved in the console: the visit's own "move" button, the same dialog as booking.
        browser.get("/");
        By row = By.cssSelector("#appointments tr[data-appointment='" + visit + "']");
        browser.click(By.cssSelector("#appointments tr[data-appointment='" + visit + "'] button.move"), Duration.ofSeconds(10));
        // Within the four weeks the console lists, so the moved visit stays on screen to be cancelled.
        Instant movedTo = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        browser.js("const f = document.querySelector('#book-dialog form'); const d = new Date(" + movedTo.toEpochMilli() + ");"
                + "f.startsAt.value = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);"
                + "f.minutes.value = '45';");
        browser.click(By.cssSelector("#book-dialog button[value=save]"), Duration.ofSeconds(5));
        browser.waitFor(Duration.ofSeconds(10), () -> {
            try {
                return get("/api/appointments", "visit-worker").get(0).path("minutes").asInt() == 45;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(movedTo, Instant.parse(get("/api/appointments", "visit-worker").get(0).path("startsAt").asText()));
        device.awaitLog("next at " + movedTo, Duration.ofSeconds(30));

        // Cancelled in the console, after being asked: "keep it" keeps it, "cancel it" cancels.
        String none = "kiosk info: worker Vibeke Visit, line [a-z-]+, 0 visit\\(s\\) booked";
        int before = (int) java.util.regex.Pattern.compile(none).matcher(device.output()).results().count();
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(row).isEmpty());
        browser.click(By.cssSelector("#appointments tr[data-appointment='" + visit + "'] button.cancel"), Duration.ofSeconds(5));
        browser.waitFor(Duration.ofSeconds(5), () -> browser.find(By.id("cancel-dialog")).isDisplayed());
        assertTrue(browser.find(By.cssSelector("#cancel-dialog .who")).getText().contains("Vera Visit"));
        browser.screenshot("staff-cancel-asked");
        browser.click(By.cssSelector("#cancel-dialog button[value=cancel]"), Duration.ofSeconds(5));
        assertEquals(0, audited("visit-worker", "appointment.cancel"), "kept: nothing cancelled");
        browser.click(By.cssSelector("#appointments tr[data-appointment='" + visit + "'] button.cancel"), Duration.ofSeconds(5));
        browser.click(By.cssSelector("#cancel-dialog button[value=save]"), Duration.ofSeconds(5));
        browser.waitFor(Duration.ofSeconds(10), () -> browser.findAll(row).isEmpty());
        assertEquals("cancelled", env.db().fetchValue("select state from appointment where id = ?", visit));
        device.awaitLog(none, before + 1, Duration.ofSeconds(30));

        // A phone call logged by hand in the console, marked as not a completed visit.
        browser.click(By.cssSelector("button.log-contact[data-citizen='" + vera + "']"), Duration.ofSeconds(5));
        browser.waitFor(Duration.ofSeconds(5), () -> browser.find(By.id("contact-dialog")).isDisplayed());
        browser.js("const f = document.querySelector('#contact-dialog form'); f.kind.value = 'phone'; f.minutes.value = '10';"
                + "f.completed.checked = false; f.noteType.value = 'follow-up';");
        browser.click(By.cssSelector("#contact-dialog button[value=save]"), Duration.ofSeconds(5));
        browser.waitFor(Duration.ofSeconds(10), () -> browser.find(By.id("contacts")).getText().contains("Telefon"));
        JsonNode phone = null;
        for (JsonNode c : get("/api/contacts", "visit-worker")) {
            if ("phone".equals(c.path("kind").asText())) {
                phone = c;
            }
        }
        assertTrue(phone != null && !phone.path("completed").asBoolean() && phone.path("minutes").asInt() == 10
                && "follow-up".equals(phone.path("noteType").asText()), "logged as entered: " + phone);
        // The English form (Danish is the default: CsvExportsIT); a byte-order mark first, for a spreadsheet.
        String csv = env.http().get("/api/contacts.csv?lang=en", "visit-worker", PW).body();
        assertTrue(csv.startsWith("\uFEFFcontact_id,date,time,citizen_id,citizen,worker,kind,minutes,completed,note_type,note\r\n"), csv);
        assertTrue(csv.contains(",Vera Visit,Vibeke Visit,phone,10,no,follow-up,"), csv);
        assertTrue(csv.contains(",Vera Visit,Vibeke Visit,online,"), csv);

        var physical = env.http().post("/api/citizens/" + vera + "/contacts", "visit-worker", PW,
                "{\"kind\":\"physical\",\"happenedAt\":\"2026-11-20T10:00:00Z\",\"minutes\":50,\"completed\":true,\"noteType\":\"adl\"}");
        assertEquals(201, physical.statusCode(), physical.body());
        for (String bad : new String[] {"{\"kind\":\"telepathy\",\"completed\":true}", "{\"kind\":\"phone\"}",
                "{\"kind\":\"phone\",\"completed\":true,\"noteType\":\"diagnosis\"}",
                "{\"kind\":\"phone\",\"completed\":true,\"note\":\"" + "x".repeat(501) + "\"}"}) {
            var r = env.http().post("/api/citizens/" + vera + "/contacts", "visit-worker", PW, bad);
            assertEquals(400, r.statusCode(), bad + " → " + r.body());
        }
        var settings = env.http().put("/api/citizens/" + vera + "/visit-settings", "visit-worker", PW,
                "{\"reminderMinutes\":30,\"travelMinutes\":25,\"travelKm\":14.5}");
        assertEquals(200, settings.statusCode(), settings.body());
        assertEquals(30, JSON.readTree(settings.body()).path("reminderMinutes").asInt());
        assertEquals(400, env.http().put("/api/citizens/" + vera + "/visit-settings", "visit-worker", PW,
                "{\"reminderMinutes\":-1}").statusCode());
        assertEquals(403, env.http().put("/api/citizens/" + vera + "/visit-settings", "visit-worker", PW,
                "{\"inTargetGroup\":false}").statusCode(), "the target group is the organisation's decision");
        var admin = env.http().put("/api/citizens/" + vera + "/visit-settings", "admin", PW, "{\"inTargetGroup\":false}");
        assertEquals(200, admin.statusCode(), admin.body());
        assertFalse(JSON.readTree(admin.body()).path("inTargetGroup").asBoolean());
        assertEquals(200, env.http().put("/api/citizens/" + vera + "/visit-settings", "admin", PW,
                "{\"inTargetGroup\":true}").statusCode());
        for (String action : new String[] {"appointment.move", "appointment.cancel", "contact.log", "citizen.visit-settings"}) {
            assertTrue(env.db().fetchCount(env.db().selectFrom("audit_log").where("actor = 'visit-worker' and action = ?", action)) > 0,
                    action + " is audited");
        }
    }

    @Test
    void e_theReportPageShowsTheVisitWithItsChartAndFormula() {
        browser.signIn("admin", PW);
        browser.get("/report");
        By me = By.cssSelector("#workers tr[data-name='Vibeke Visit']");
        browser.waitFor(Duration.ofSeconds(15), () -> !browser.findAll(me).isEmpty());
        assertTrue(browser.find(me).getText().startsWith("Vibeke Visit 1 "), browser.find(me).getText());
        assertFalse(browser.findAll(By.cssSelector("#weekly-chart canvas")).isEmpty(), "the weekly chart is drawn");
        assertTrue(browser.find(By.id("savings-formula")).getText().contains("kr. pr. time"), "the formula in Danish, with the rate");
        assertTrue(browser.find(By.id("report-csv")).getAttribute("href").contains("/api/report.csv?from="));
        browser.screenshot("report");
    }

    /** Sets a datetime-local input of {@code dialog} to {@code at} in the browser's zone. */
    private static void setLocalTime(String dialog, String input, Instant at) {
        browser.js("const i = document.querySelector('#" + dialog + " [name=" + input + "]'); const d = new Date(" + at.toEpochMilli()
                + "); i.value = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);"
                + "i.dispatchEvent(new Event('input'));");
    }

    /** The refusal said in {@code dialog}, once there is one; the dialog stays open for a correction. */
    private static String refusalIn(String dialog) {
        By error = By.cssSelector("#" + dialog + " .error");
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(error).getText().isBlank());
        assertTrue(browser.find(By.id(dialog)).isDisplayed(), "the dialog stays open to correct and save again");
        return browser.find(error).getText();
    }

    /**
     * Opens {@code dialog} with {@code button}, enters {@code at} as its time and saves: refused, said
     * in Danish with the field's name ("Tidspunkt") and {@code why}; the screenshot shows it.
     */
    private static void refusedAt(By button, String dialog, String input, Instant at, String why, String screenshot) {
        browser.get("/");
        browser.click(button, Duration.ofSeconds(15));
        browser.waitFor(Duration.ofSeconds(5), () -> browser.find(By.id(dialog)).isDisplayed());
        setLocalTime(dialog, input, at);
        save(dialog);
        String said = refusalIn(dialog);
        assertTrue(said.contains("Tidspunkt") && said.contains(why), "said in Danish, naming the field: " + said);
        browser.screenshot(screenshot);
    }

    private static void save(String dialog) {
        browser.click(By.cssSelector("#" + dialog + " button[value=save]"), Duration.ofSeconds(5));
    }

    private static void awaitClosed(String dialog) {
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(By.id(dialog)).isDisplayed());
    }

    @Test
    void f_anUnknownCallerInTheSettingsSavesNothingAndTheCorrectedRetrySavesOnce() throws Exception {
        browser.signIn("visit-worker", PW);
        int settingsAudited = audited("visit-worker", "citizen.visit-settings");
        int policyAudited = audited("visit-worker", "citizen.answer-policy");
        int reminder = citizen(vera, "visit-worker").path("reminderMinutes").asInt();
        browser.get("/");
        browser.click(By.cssSelector("button.settings[data-citizen='" + vera + "']"), Duration.ofSeconds(15));
        browser.waitFor(Duration.ofSeconds(5), () -> browser.find(By.id("settings-dialog")).isDisplayed());
        browser.js("const f = document.querySelector('#settings-dialog form'); f.reminderMinutes.value = '44';"
                + "f.answerPolicy.value = 'auto-answer'; f.autoAnswerCallers.value = 'hanne';");
        save("settings-dialog");

        String said = refusalIn("settings-dialog");
        assertTrue(said.contains("Svar selv på opkald fra") && said.contains("hanne") && said.contains("ingen bruger"),
                "said in Danish, naming the field and the name: " + said);
        assertFalse(said.contains("no account"), said);
        browser.screenshot("staff-settings-unknown-caller");
        assertEquals(reminder, citizen(vera, "visit-worker").path("reminderMinutes").asInt(),
                "nothing of the refused attempt was saved, not even the reminder");
        assertEquals(settingsAudited, audited("visit-worker", "citizen.visit-settings"));
        assertEquals(policyAudited, audited("visit-worker", "citizen.answer-policy"));

        // Corrected in the same dialog: saving again saves all of it, once.
        browser.js("document.querySelector('#settings-dialog form').autoAnswerCallers.value = 'visit-worker';");
        save("settings-dialog");
        awaitClosed("settings-dialog");
        JsonNode saved = citizen(vera, "visit-worker");
        assertEquals(44, saved.path("reminderMinutes").asInt(), saved.toString());
        assertEquals("auto-answer", saved.path("answerPolicy").asText());
        assertEquals("[\"visit-worker\"]", saved.path("autoAnswerUsernames").toString());
        assertEquals(settingsAudited + 1, audited("visit-worker", "citizen.visit-settings"), "saved once");
        assertEquals(policyAudited + 1, audited("visit-worker", "citizen.answer-policy"), "saved once");
        var back = env.http().put("/api/citizens/" + vera + "/answer-policy", "visit-worker", PW, "{\"answerPolicy\":\"ring\"}");
        assertEquals(200, back.statusCode(), back.body());
    }

    @Test
    void g_aVisitInThePastIsRefusedAndAClashWithAnotherVisitIsAWarningTheWorkerMayConfirm() throws Exception {
        int booked = audited("visit-worker", "appointment.book");
        refusedAt(By.cssSelector("button.book[data-citizen='" + vera + "']"), "book-dialog", "startsAt",
                Instant.now().minus(Duration.ofDays(1)), "fortiden", "staff-visit-in-past");
        assertEquals(booked, audited("visit-worker", "appointment.book"), "nothing booked");

        // Corrected in the same dialog: booked.
        Instant at = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.HOURS);
        setLocalTime("book-dialog", "startsAt", at);
        save("book-dialog");
        awaitClosed("book-dialog");
        assertEquals(booked + 1, audited("visit-worker", "appointment.book"));

        // The same worker, a quarter of an hour later, with another citizen: a warning naming the other visit.
        browser.click(By.cssSelector("button.book[data-citizen='" + ingrid + "']"), Duration.ofSeconds(15));
        setLocalTime("book-dialog", "startsAt", at.plus(Duration.ofMinutes(15)));
        save("book-dialog");
        String clash = refusalIn("book-dialog");
        assertTrue(clash.contains("allerede et besøg") && clash.contains("Vera Visit"), clash);
        assertEquals("Book alligevel", browser.find(By.cssSelector("#book-dialog button[value=save]")).getText());
        browser.screenshot("staff-visit-overlap");
        assertEquals(booked + 1, audited("visit-worker", "appointment.book"), "warned: not booked yet");
        save("book-dialog");
        awaitClosed("book-dialog");
        assertEquals(booked + 2, audited("visit-worker", "appointment.book"), "confirmed: booked");

        for (JsonNode v : get("/api/appointments", "visit-worker")) {
            assertEquals(200, env.http().delete("/api/appointments/" + v.path("id").asLong(), "visit-worker", PW).statusCode());
        }
    }

    @Test
    void h_aContactDatedInTheFutureIsRefused() throws Exception {
        int logged = audited("visit-worker", "contact.log");
        refusedAt(By.cssSelector("button.log-contact[data-citizen='" + vera + "']"), "contact-dialog", "happenedAt",
                Instant.now().plus(Duration.ofDays(1)), "fremtiden", "staff-contact-in-future");
        assertEquals(logged, audited("visit-worker", "contact.log"), "nothing logged");

        setLocalTime("contact-dialog", "happenedAt", Instant.now().minus(Duration.ofHours(1)));
        save("contact-dialog");
        awaitClosed("contact-dialog");
        assertEquals(logged + 1, audited("visit-worker", "contact.log"), "the corrected contact is logged, once");

        var outage = env.http().put("/api/devices/" + kiosk.id().value() + "/planned-outage", "admin", PW,
                "{\"until\":\"2020-01-01T00:00:00Z\"}");
        assertEquals(400, outage.statusCode(), "a planned outage that has already ended: " + outage.body());
        assertEquals("until", JSON.readTree(outage.body()).path("field").asText());
    }
}
