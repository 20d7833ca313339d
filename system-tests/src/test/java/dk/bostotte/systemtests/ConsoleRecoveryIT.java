package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The console recovers as a person expects: an ended session leads to the sign-in page with a
 * Danish message (never the browser's own sign-in box) and back to the same page; a create button
 * sends once however it is clicked; a report for an impossible period says so instead of showing
 * the last figures.
 */
class ConsoleRecoveryIT {

    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static final String STALE_SESSION = "0123456789abcdef0123456789abcdef";
    private static final String SIGNED_OUT = "Du er blevet logget ud";
    private static FleetTestEnvironment env;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
    }

    private static Optional<String> challenge(HttpRequest.Builder request) {
        HttpResponse<String> r = env.http().send(request.GET().build());
        assertEquals(401, r.statusCode(), r.body());
        return r.headers().firstValue("WWW-Authenticate");
    }

    @Test
    void aBrowserIsNeverAskedForBasicCredentialsButAScriptStillIs() {
        assertTrue(challenge(env.http().request("/api/citizens", null, null)).orElse("").startsWith("Basic"),
                "a script without credentials is still challenged");
        assertEquals(Optional.empty(), challenge(env.http().request("/api/citizens", null, null)
                .header("Cookie", "bostotte.session=" + STALE_SESSION)), "a browser whose session ended");
        assertEquals(Optional.empty(), challenge(env.http().request("/api/citizens", null, null)
                .header("Sec-Fetch-Mode", "cors")), "a page's fetch without a cookie");
        assertEquals(Optional.empty(), challenge(env.http().request("/api/citizens", "admin", "wrong-password")
                .header("Sec-Fetch-Mode", "cors")), "wrong credentials from a page");
        assertEquals(Optional.empty(), challenge(env.http().request("/api/citizens", null, null)
                .header("Accept", "text/html,application/xhtml+xml")), "an API address opened in the browser");
        assertEquals(200, env.http().get("/api/citizens", "admin", PW).statusCode(), "pre-emptive basic credentials work");
    }

    @Test
    void signingInReturnsOnlyToAPageOfThisServer() {
        HttpResponse<String> page = env.http().get("/users", null, null);
        assertEquals(302, page.statusCode());
        assertEquals("/login?next=%2Fusers", page.headers().firstValue("Location").orElse(""));
        HttpResponse<String> ended = env.http().send(env.http().request("/users?lang=en", null, null)
                .header("Cookie", "bostotte.session=" + STALE_SESSION).GET().build());
        assertEquals("/login?next=%2Fusers%3Flang%3Den&expired=1&lang=en", ended.headers().firstValue("Location").orElse(""),
                "a session that ended is said to have ended, in the page's language");

        HttpResponse<String> evil = env.http().get("/login?next=" + URLEncoder.encode("//evil.example/x", StandardCharsets.UTF_8), null, null);
        assertTrue(evil.body().contains("name=\"next\" value=\"\""), "no way out in the form: " + evil.body());
        assertEquals("/", signIn("https://evil.example/"), "another site is not followed");
        assertEquals("/users?lang=en", signIn("/users?lang=en"));
    }

    /** Signs in as admin through the form with {@code next}; where the answer sends the browser. */
    private static String signIn(String next) {
        HttpResponse<String> loginPage = env.http().get("/login", null, null);
        String form = "username=admin&password=" + URLEncoder.encode(PW, StandardCharsets.UTF_8) + "&_csrf="
                + ConsoleApiSecurityIT.csrf(loginPage.body()) + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        HttpResponse<String> r = env.http().send(env.http().request("/login", null, null)
                .header("Cookie", ConsoleApiSecurityIT.cookie(loginPage))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(302, r.statusCode(), r.body());
        return r.headers().firstValue("Location").orElse("");
    }

    @Test
    void anEndedSessionLeadsToTheSignInPageAndBack() {
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            onTheReport(browser);
            // The server no longer knows the browser's session (it ended, or an old server's memory went with it).
            browser.replaceCookie("bostotte.session", STALE_SESSION);
            showAgain(browser);
            assertTrue(browser.find(By.id("login-message")).getText().startsWith(SIGNED_OUT),
                    browser.find(By.id("login-message")).getText());
            signInAndBackToTheReport(browser, "session-udloebet-log-ind");
        }
    }

    @Test
    void backAfterSigningOutLeadsToTheSignInPageAndBack() {
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            onTheReport(browser);
            browser.click(By.cssSelector("header form button"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(10), () -> browser.path().startsWith("/login"));
            browser.back();
            // Either the browser shows the page it kept (and its next request finds the session gone),
            // or it asks the server again, which sends it to sign in.
            browser.waitFor(Duration.ofSeconds(10), () -> browser.path().startsWith("/report") || browser.path().startsWith("/login"));
            if (browser.path().startsWith("/report")) {
                showAgain(browser);
            }
            signInAndBackToTheReport(browser, "tilbage-efter-log-ud");
        }
    }

    private static void onTheReport(ConsoleBrowser browser) {
        browser.signIn("admin", PW);
        browser.get("/report");
        browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(By.id("adoption-target")).getText().isEmpty());
    }

    /** Presses "Vis" on the report: a request with the session as it now is, which lands on the sign-in page. */
    private static void showAgain(ConsoleBrowser browser) {
        browser.click(By.cssSelector("#report-period button[type=submit]"), Duration.ofSeconds(5));
        browser.waitFor(Duration.ofSeconds(10), () -> browser.path().startsWith("/login"));
    }

    private static void signInAndBackToTheReport(ConsoleBrowser browser, String screenshot) {
        assertTrue(browser.path().contains("next=%2Freport"), browser.path());
        browser.screenshot(screenshot);
        browser.signInOnThisPage("admin", PW);
        browser.waitFor(Duration.ofSeconds(10), () -> browser.path().equals("/report"));
    }

    @Test
    void aDoubleClickOnOpretCreatesOneUserAndNoError() {
        ConsoleBrowser.require();
        String username = "dobbelt." + Long.toString(System.nanoTime() % 1_000_000, 36);
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("admin", PW);
            browser.get("/users");
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector("#users tr[data-user='admin']")).isEmpty());
            browser.find(By.cssSelector("#user-new [name=username]")).sendKeys(username);
            browser.find(By.cssSelector("#user-new [name=displayName]")).sendKeys("Dobbelt Klik");
            browser.find(By.cssSelector("#user-new [name=password]")).sendKeys("long-enough-password");
            browser.doubleClick(By.cssSelector("#user-new button[type=submit]"));
            browser.waitFor(Duration.ofSeconds(10),
                    () -> !browser.findAll(By.cssSelector("#users tr[data-user='" + username + "']")).isEmpty());
            // Both answers are in by the time the list has been read again; give a second request time to fail.
            FleetTestEnvironment.await("the create button enabled again", Duration.ofSeconds(10),
                    () -> browser.find(By.cssSelector("#user-new button[type=submit]")).isEnabled());
            sleep(Duration.ofSeconds(1));
            assertEquals("", browser.find(By.id("users-error")).getText(), "no 'username taken' after creating it");
            assertEquals(1, env.db().fetchCount(env.db().selectFrom("audit_log")
                    .where("action = 'user.create' and subject = ?", username)));
            browser.screenshot("brugere-dobbeltklik-opret");
        }
    }

    @Test
    void aDoubleClickOnOlderInTheAuditLogAddsTheNextPageOnce() {
        ConsoleBrowser.require();
        String actor = "revisor." + Long.toString(System.nanoTime() % 1_000_000, 36);
        env.db().execute("INSERT INTO audit_log (actor, action, subject) SELECT ?, 'test.entry', n::text"
                + " FROM generate_series(1, 150) AS n", actor);
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("admin", PW);
            browser.get("/audit?actor=" + actor);
            browser.waitFor(Duration.ofSeconds(10), () -> browser.findAll(By.cssSelector("#audit tbody tr")).size() == 100);
            browser.doubleClick(By.id("audit-older"));
            browser.waitFor(Duration.ofSeconds(10), () -> browser.findAll(By.cssSelector("#audit tbody tr")).size() >= 150);
            sleep(Duration.ofSeconds(1));
            assertEquals(150, browser.findAll(By.cssSelector("#audit tbody tr")).size(), "each entry once");
            assertTrue(!browser.find(By.id("audit-older")).isEnabled(), "nothing older left");
        }
    }

    @Test
    void aReportForAPeriodThatEndsBeforeItStartsSaysSoAndShowsNoFigures() {
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("admin", PW);
            browser.get("/report");
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(By.id("adoption-target")).getText().isEmpty()
                    && !browser.find(By.id("adoption-target")).getText().equals("–"));
            browser.js("document.querySelector('#report-period [name=from]').value = '2026-10-19';"
                    + "document.querySelector('#report-period [name=to]').value = '2026-10-05';");
            browser.click(By.cssSelector("#report-period button[type=submit]"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(By.id("report-error")).getText().isEmpty());
            assertEquals("Perioden er ugyldig: Fra-datoen skal ligge før til-datoen.", browser.find(By.id("report-error")).getText());
            assertEquals("–", browser.find(By.id("adoption-target")).getText(), "the last period's figures are gone");
            assertEquals("–", browser.find(By.id("savings-visits")).getText());
            assertEquals(0, browser.findAll(By.cssSelector("#milestones tbody tr, #weeks tbody tr")).size());
            browser.screenshot("rapport-ugyldig-periode");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
