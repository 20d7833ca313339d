package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.systemtests.FleetTestEnvironment.EnrolledDevice;
import dk.bostotte.systemtests.browser.ConsoleBrowser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The kiosk's screens driven by real events: a simulated kiosk draws its screens off-screen and
 * saves each as a PNG (in {@code system-tests/target/kiosk-screens-it/}) while the real fleet
 * server sends it the citizen's worker, a real browser calls it, the citizen answers, and IT
 * support pushes settings and locks it.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class KioskScreensIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = FleetTestEnvironment.ADMIN_PASSWORD;
    private static final Path SCREENS = Path.of("target", "kiosk-screens-it").toAbsolutePath();

    private static FleetTestEnvironment env;
    private static EnrolledDevice kiosk;
    private static DeviceProcess device;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws IOException {
        ConsoleBrowser.require();
        env = FleetTestEnvironment.shared();
        kiosk = env.enroll("rpi4-kiosk", "kiosk-screens");
        env.addCitizen("Karen Kiosk", "staff", kiosk.id());
        if (Files.isDirectory(SCREENS)) {
            try (Stream<Path> old = Files.list(SCREENS)) {
                for (Path p : old.filter(Files::isRegularFile).toList()) {
                    Files.delete(p);
                }
            }
        }
        // The citizen answers by hand (--answer-after-s 0), from the simulated buttons on stdin.
        device = env.startDevice(kiosk, "--simulate", "--answer-after-s", "0", "--ice-local-address", "127.0.0.1",
                "--ui", "offscreen", "--ui-snapshots", SCREENS.toString());
        device.awaitConnected(Duration.ofSeconds(30));
        browser = ConsoleBrowser.shared(env.httpUrl());
        browser.signIn("staff", PW);
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

    private static Optional<Path> snapshot(String screen) {
        try (Stream<Path> files = Files.list(SCREENS)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-" + screen + ".png")).sorted()
                    .reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path awaitSnapshot(String screen) {
        FleetTestEnvironment.await("a " + screen + " screen", Duration.ofSeconds(30), () -> snapshot(screen).isPresent());
        return snapshot(screen).orElseThrow();
    }

    /** Snapshots are numbered in the order the kiosk showed them. */
    private static void awaitSnapshotAfter(String screen, Path earlier) {
        FleetTestEnvironment.await("a " + screen + " screen after " + earlier.getFileName(), Duration.ofSeconds(30),
                () -> snapshot(screen).filter(p -> p.getFileName().compareTo(earlier.getFileName()) > 0).isPresent());
    }

    @Test
    void a_theIdleScreenNamesTheWorkerTheFleetSent() {
        device.awaitLog("kiosk info: worker Bostøttemedarbejder", Duration.ofSeconds(30));
        awaitSnapshot("IDLE");
    }

    @Test
    void b_aCallFromTheBrowserRingsAnswersShowsTheWorkersVideoAndEnds() throws Exception {
        browser.get("/");
        browser.waitFor(Duration.ofSeconds(10), () -> String.valueOf(browser.js("return JSON.stringify(window.bostotteCall)"))
                .contains("\"socket\":\"open\""));
        browser.click(By.cssSelector("button.call[data-device='" + kiosk.id().value() + "']"), Duration.ofSeconds(15));
        awaitSnapshot("INCOMING");
        device.press("answer");
        Path video = awaitSnapshot("IN_CALL-video");
        assertTrue(snapshot("IN_CALL").isPresent());
        BufferedImage picture = ImageIO.read(video.toFile());
        // Chromium's fake camera: a green field with a moving sector and a running clock, not a black screen.
        assertTrue(litShare(picture, 200, 60, 600, 360) > 0.8, "the worker's picture fills the middle of the kiosk screen");
        assertTrue(distinctColours(picture, 200, 60, 600, 360) >= 3, "and it is a picture, not a flat colour");

        browser.click(By.id("call-hangup"), Duration.ofSeconds(2));
        Path ended = awaitSnapshot("ENDED");
        awaitSnapshotAfter("IDLE", ended);
    }

    @Test
    void c_settingsPushedFromTheFleetAreAppliedReportedAndShown() throws Exception {
        var r = env.http().post("/api/devices/" + kiosk.id().value() + "/commands", "support", PW,
                "{\"type\":\"set-config\",\"params\":{\"language\":\"en\",\"volumePercent\":\"35\",\"nightStart\":\"22:00\","
                        + "\"nightEnd\":\"07:00\",\"supportContact\":\"IT support 70 12 34 56\",\"servicePin\":\"2580\"}}");
        assertEquals(201, r.statusCode(), r.body());
        String id = JSON.readTree(r.body()).path("id").asText();
        FleetTestEnvironment.await("set-config done", Duration.ofSeconds(30), () -> "done".equals(state(id)));
        JsonNode reported = JSON.readTree(env.db().fetchValue("select reported::text from device_config where device_id = ?",
                kiosk.id().value()).toString());
        assertEquals(35, reported.path("volumePercent").asInt(), "the device reports what it applied: " + reported);
        assertEquals("22:00", reported.path("nightStart").asText());
        assertEquals("en", reported.path("language").asText());
        // And on the screen: the idle screen speaks English now (its words are written beside each snapshot).
        Path firstIdle;
        try (Stream<Path> files = Files.list(SCREENS)) {
            firstIdle = files.filter(p -> p.getFileName().toString().endsWith("-IDLE.png")).sorted().findFirst().orElseThrow();
        }
        assertTrue(words(firstIdle).contains("Ring til min bostøtte"), "Danish before: " + words(firstIdle));
        FleetTestEnvironment.await("the idle screen in English", Duration.ofSeconds(30),
                () -> words(snapshot("IDLE").orElseThrow()).contains("Call my support worker"));

        // Cleared: night hours and the PIN go back to the kiosk's own defaults (none), the rest stays.
        var clear = env.http().post("/api/devices/" + kiosk.id().value() + "/commands", "support", PW,
                "{\"type\":\"set-config\",\"params\":{\"nightStart\":\"\",\"nightEnd\":\"\",\"servicePin\":\"\"}}");
        assertEquals(201, clear.statusCode(), clear.body());
        String clearId = JSON.readTree(clear.body()).path("id").asText();
        FleetTestEnvironment.await("clearing done", Duration.ofSeconds(30), () -> "done".equals(state(clearId)));
        JsonNode cleared = JSON.readTree(env.db().fetchValue("select reported::text from device_config where device_id = ?",
                kiosk.id().value()).toString());
        assertTrue(cleared.path("nightStart").isMissingNode() || cleared.path("nightStart").isNull(), cleared.toString());
        assertTrue(cleared.path("servicePin").isMissingNode() || cleared.path("servicePin").isNull(), cleared.toString());
        assertEquals(35, cleared.path("volumePercent").asInt(), "what was not cleared stays: " + cleared);
        assertEquals("en", cleared.path("language").asText());

        var bad = env.http().post("/api/devices/" + kiosk.id().value() + "/commands", "support", PW,
                "{\"type\":\"set-config\",\"params\":{\"nightStart\":\"25:00\"}}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("nightStart"), bad.body());

        var lock = env.http().post("/api/devices/" + kiosk.id().value() + "/commands", "support", PW,
                "{\"type\":\"lock\",\"params\":{\"message\":\"Please call us\"}}");
        assertEquals(201, lock.statusCode(), lock.body());
        Path locked = awaitSnapshot("LOCKED");
        var unlock = env.http().post("/api/devices/" + kiosk.id().value() + "/commands", "support", PW, "{\"type\":\"unlock\"}");
        assertEquals(201, unlock.statusCode(), unlock.body());
        awaitSnapshotAfter("IDLE", locked);
    }

    @Test
    void d_aKioskWithNoBundleSaysSoAndStartsOnceItIsEnrolled() throws Exception {
        Path shots = Files.createTempDirectory("not-set-up-");
        Path bundle = Files.createTempDirectory("no-bundle-");
        EnrolledDevice later = env.enroll("rpi4-kiosk", "kiosk-not-set-up");
        try (DeviceProcess empty = DeviceProcess.start(bundle, bundle.resolve("state"), env.root().resolve("logs"), "--simulate",
                "--ui", "offscreen", "--ui-snapshots", shots.toString())) {
            FleetTestEnvironment.await("the 'not set up' screen", Duration.ofSeconds(30),
                    () -> Files.exists(shots.resolve("001-NOT_SET_UP.png")));
            empty.awaitLog("showing 'not set up' until IT support enrols this kiosk", Duration.ofSeconds(5));
            assertTrue(empty.isAlive(), "it waits, rather than exiting into a restart loop with a black screen");
            try (Stream<Path> files = Files.list(later.bundleDir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, bundle.resolve(f.getFileName()));
                }
            }
            empty.awaitLog("a config bundle appeared", Duration.ofSeconds(30));
            FleetTestEnvironment.await("exit 75 to be started afresh", Duration.ofSeconds(10), () -> !empty.isAlive());
            assertEquals(75, empty.stop());
        }
    }

    @Test
    void e_aKioskThatDiesMidCallEndsTheCallForTheWorkerAndComesBackToIdleWhenRestarted() throws Exception {
        browser.get("/");
        browser.waitFor(Duration.ofSeconds(10), () -> String.valueOf(browser.js("return JSON.stringify(window.bostotteCall)"))
                .contains("\"socket\":\"open\""));
        Path before = snapshot("IDLE").orElseThrow();
        browser.click(By.cssSelector("button.call[data-device='" + kiosk.id().value() + "']"), Duration.ofSeconds(15));
        FleetTestEnvironment.await("the call ringing", Duration.ofSeconds(30),
                () -> snapshot("INCOMING").filter(p -> p.getFileName().compareTo(before.getFileName()) > 0).isPresent());
        device.press("answer");
        browser.waitFor(Duration.ofSeconds(30), () -> "connected".equals(String.valueOf(browser.js("return window.bostotteCall.state"))));

        // A power cut mid-call: no goodbye from the kiosk.
        device.killHard();
        long cutAt = System.nanoTime();
        browser.waitFor(Duration.ofSeconds(10), () -> "failed".equals(String.valueOf(browser.js("return window.bostotteCall.state"))));
        assertTrue(String.valueOf(browser.js("return window.bostotteCall.reason")).contains("offline"),
                "the worker is told why: " + browser.js("return window.bostotteCall.reason"));
        browser.screenshot("call-kiosk-died");

        // As systemd's Restart=always would: the same kiosk, started again. It comes back to idle by itself.
        Path restarted = Files.createTempDirectory("restarted-");
        device = env.startDevice(kiosk, "--simulate", "--answer-after-s", "0", "--ice-local-address", "127.0.0.1",
                "--ui", "offscreen", "--ui-snapshots", restarted.toString());
        device.awaitConnected(Duration.ofSeconds(30));
        FleetTestEnvironment.await("the idle screen after the restart", Duration.ofSeconds(30), () -> {
            try (Stream<Path> files = Files.list(restarted)) {
                return files.anyMatch(p -> p.getFileName().toString().endsWith("-IDLE.png"));
            } catch (IOException e) {
                return false;
            }
        });
        System.out.printf("kiosk killed mid-call: idle again %d ms after the cut (restart included)%n",
                (System.nanoTime() - cutAt) / 1_000_000);
        FleetTestEnvironment.await("the kiosk online again", Duration.ofSeconds(30), () -> {
            try {
                return JSON.readTree(env.http().get("/api/devices/" + kiosk.id().value(), "support", PW).body())
                        .path("online").asBoolean();
            } catch (IOException e) {
                return false;
            }
        });
        JsonNode calls = JSON.readTree(env.http().get("/api/calls?deviceId=" + kiosk.id().value(), "admin", PW).body());
        assertEquals("failed", calls.get(0).path("state").asText(), "the call record says how it ended: " + calls.get(0));
    }

    /** The words of a snapshot's screen, from the text file the kiosk writes beside its PNG. */
    private static List<String> words(Path png) {
        try {
            return Files.readAllLines(png.resolveSibling(png.getFileName().toString().replace(".png", ".txt")));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String state(String commandId) {
        try {
            return JSON.readTree(env.http().get("/api/commands/" + commandId, "support", PW).body()).path("state").asText();
        } catch (IOException e) {
            return "";
        }
    }

    private static double litShare(BufferedImage img, int x0, int y0, int x1, int y1) {
        int lit = 0;
        int all = 0;
        for (int y = y0; y < y1; y += 3) {
            for (int x = x0; x < x1; x += 3) {
                int p = img.getRGB(x, y);
                lit += ((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF) > 60 ? 1 : 0;
                all++;
            }
        }
        return lit / (double) all;
    }

    private static int distinctColours(BufferedImage img, int x0, int y0, int x1, int y1) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = y0; y < y1; y += 3) {
            for (int x = x0; x < x1; x += 3) {
                seen.add(img.getRGB(x, y) & 0xF0F0F0);
            }
        }
        return seen.size();
    }
}
