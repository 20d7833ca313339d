package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every page each role can open, walked in Danish: no English text from the server reaches the
 * person (its messages, the device's health words, the report's formulas). The device's own detail
 * is marked {@code lang="en"} for IT support and is left out, as a screen reader would read it.
 */
class LanguageIT {

    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    /** English the server or the console once showed Danish users (issue 20), in lower case. */
    private static final List<String> ENGLISH = List.of("your role may not", "you cannot", "may not do this",
            "already in a call", "hung up", "the citizen declined", "camera ", "mic ", "speaker ", "screen ja",
            "throttled", "mb disk", "drive minutes", "face-to-face", "completed online visits", "dkk/h",
            "before: all contacts", "must be", "is taken", "not found", "no account", "queued", "delivered",
            "expired", "run-network-test", "collect-logs", "restart-app", "no devices", "no entries");
    private static final String VISIBLE_TEXT = """
            const out = [];
            const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
              acceptNode: (n) => n.parentElement.closest('[lang="en"], [hidden], script, style, template')
                ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
            while (walk.nextNode()) out.push(walk.currentNode.textContent);
            return out.join(' ');""";

    private static FleetTestEnvironment env;
    private static EnrolledDevice device;

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
        device = env.enroll("rpi4-kiosk", "language-it");
        env.addCitizen("Sprog Borger", "staff", device.id());
    }

    @Test
    void everyPageOfEveryRoleIsDanish() throws Exception {
        ConsoleBrowser.require();
        List<String> english = new ArrayList<>();
        try (DeviceProcess kiosk = env.startDevice(device, "--simulate");
             ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            kiosk.awaitConnected(Duration.ofSeconds(30));
            for (String role : List.of("staff", "support", "admin", "manager")) {
                browser.signIn(role, PW);
                List<String> pages = new ArrayList<>();
                for (Object href : (List<?>) browser.js("return [...document.querySelectorAll('header nav a')]"
                        + ".filter((a) => a.offsetParent !== null).map((a) => new URL(a.href).pathname);")) {
                    pages.add((String) href);
                }
                if (pages.contains("/devices")) {
                    pages.add("/devices/" + device.id().value());
                }
                assertTrue(!pages.isEmpty(), role + " sees no pages");
                for (String page : pages) {
                    browser.get(page);
                    browser.waitFor(Duration.ofSeconds(10), () -> "complete".equals(browser.js("return document.readyState;")));
                    if (page.startsWith("/devices/")) {
                        browser.waitFor(Duration.ofSeconds(20), () -> !"–".equals(browser.find(By.id("device-health")).getText()));
                    }
                    Thread.sleep(500); // the lists and figures fill in after the page loads
                    String text = ((String) browser.js(VISIBLE_TEXT)).toLowerCase(Locale.ROOT);
                    for (String e : ENGLISH) {
                        if (text.contains(e)) {
                            english.add(role + " " + page + ": '" + e + "'");
                        }
                    }
                    browser.screenshot("dansk-" + role + page.replace('/', '-'));
                }
            }
        }
        assertEquals(List.of(), english, "English on Danish pages");
    }

    @Test
    void aRefusalIsSaidInDanishWithTheEnglishDetailForItSupport() {
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("admin", PW);
            browser.get("/users");
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector("#users tr[data-user='admin'] button")).isEmpty());
            browser.click(By.cssSelector("#users tr[data-user='admin'] button"), Duration.ofSeconds(5));
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.find(By.id("users-error")).getText().isEmpty());
            assertEquals("Du kan ikke deaktivere din egen konto.", browser.find(By.id("users-error")).getText());
            assertEquals("you cannot disable your own account", browser.find(By.id("users-error")).getAttribute("title"));
            browser.screenshot("brugere-egen-konto");
        }
    }
}
