package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The console as a person sees it on a 1366 px laptop: no page is wider than the window (wide
 * tables scroll in their own box), every button in a table, dialog or form is at least 24 x 24 CSS px
 * (WCAG 2.2 target size) and apart from its neighbours, and a filter that matches nothing says so.
 */
class LayoutIT {

    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static FleetTestEnvironment env;
    private static EnrolledDevice device;

    /** Buttons in main that are shown, with their size and the gap to a button beside them in the same cell or form. */
    private static final String TARGETS = """
            const shown = [...document.querySelectorAll('main td button, main form button, main dialog button, main .command-buttons button, main .pager button')]
              .filter((b) => b.offsetParent !== null);
            const out = [];
            for (const b of shown) {
              const r = b.getBoundingClientRect();
              const next = b.nextElementSibling;
              let gap = null;
              if (next && next.tagName === 'BUTTON' && next.offsetParent !== null) {
                const n = next.getBoundingClientRect();
                if (Math.abs(n.top - r.top) < r.height) gap = n.left - r.right;
              }
              out.push({ text: b.textContent.trim(), w: r.width, h: r.height, gap });
            }
            return out;""";

    @BeforeAll
    static void start() {
        env = FleetTestEnvironment.shared();
        device = env.enroll("rpi4-kiosk", "layout-it");
        env.addCitizen("Layout Borger", "staff", device.id());
    }

    @Test
    void everyAdminPageFitsALaptopAndItsButtonsAreTargetSized() {
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.windowSize(1366, 900);
            List<String> problems = new ArrayList<>();
            try {
                browser.signIn("admin", PW);
                for (String page : List.of("/devices", "/devices/" + device.id().value(), "/alerts", "/coverage", "/audit",
                        "/inventory", "/users", "/report")) {
                    browser.get(page);
                    browser.waitFor(Duration.ofSeconds(10), () -> "complete".equals(browser.js("return document.readyState;")));
                    // The lists fill in after the page loads.
                    browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector("main tbody tr")).isEmpty()
                            || browser.findAll(By.cssSelector("main tbody")).isEmpty());
                    long pageWidth = ((Number) browser.js("return document.documentElement.scrollWidth;")).longValue();
                    long window = ((Number) browser.js("return window.innerWidth;")).longValue();
                    browser.screenshot("layout-1366" + page.replace('/', '-'));
                    if (pageWidth > window) {
                        problems.add(page + " is " + pageWidth + " px wide in a " + window + " px window");
                    }
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> targets = (List<Map<String, Object>>) browser.js(TARGETS);
                    for (Map<String, Object> t : targets) {
                        double w = ((Number) t.get("w")).doubleValue();
                        double h = ((Number) t.get("h")).doubleValue();
                        if (w < 24 || h < 24) {
                            problems.add(page + ": button '" + t.get("text") + "' is " + w + " x " + h + " px");
                        }
                        if (t.get("gap") != null && ((Number) t.get("gap")).doubleValue() < 4) {
                            problems.add(page + ": button '" + t.get("text") + "' touches its neighbour (" + t.get("gap") + " px)");
                        }
                    }
                }
            } finally {
                browser.windowSize(1280, 900);
            }
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void aFilterThatMatchesNothingSaysSoInsteadOfNoDevicesYet() {
        ConsoleBrowser.require();
        try (ConsoleBrowser browser = ConsoleBrowser.shared(env.httpUrl())) {
            browser.signIn("support", PW);
            browser.get("/devices?q=no-such-device-zz");
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector("#devices tbody tr")).isEmpty());
            assertEquals("Ingen enheder matcher filteret.", browser.find(By.cssSelector("#devices tbody tr")).getText());
            browser.screenshot("devices-no-match");
            browser.get("/audit?action=no.such.action");
            browser.waitFor(Duration.ofSeconds(10), () -> !browser.findAll(By.cssSelector("#audit tbody tr")).isEmpty());
            assertEquals("Ingen hændelser matcher filteret.", browser.find(By.cssSelector("#audit tbody tr")).getText());
        }
    }
}
