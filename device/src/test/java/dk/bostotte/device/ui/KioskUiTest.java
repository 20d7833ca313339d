package dk.bostotte.device.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.platform.FakeRoot;
import dk.bostotte.device.MovableClock;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.KioskInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kiosk does around its screens: ring tone, the camera warning, the visit chime, night light. */
class KioskUiTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock("2026-11-23T09:00:00Z");
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<Integer> overlay = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private KioskModel model;
    private ScreenLight light;

    @BeforeEach
    void start() {
        model = new KioskModel(clock, "K7M3-Q9PH", List::of);
        model.linkUp();
        light = new ScreenLight(new FakeRoot(dir).root, clock, overlay::add);
        new KioskUi(model, null, Runnable::run).start(KioskDisplay.offscreen(KioskTheme.PI_DISPLAY, KioskActions.NONE,
                Optional.empty()), light, new RecordingTone(), timer);
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void ringsWarnsBeforeTheCameraGoesLiveAndStopsWhenAnswered() {
        model.settings(new DeviceSettings(null, null, null, 40, null, null, null, null, null, null, null));
        model.ringing("Mette", 10);
        assertEquals(List.of("ring 40"), heard);
        clock.advance(Duration.ofSeconds(6));
        model.tick();
        assertEquals(List.of("ring 40"), heard, "no warning yet at 4 s left");
        clock.advance(Duration.ofSeconds(1));
        model.tick();
        model.tick();
        assertEquals(List.of("ring 40", "camera warning 40"), heard, "once, at 3 s left");
        model.connecting("Mette");
        assertEquals("stop", heard.get(heard.size() - 1));
    }

    @Test
    void chimesOnceWhenAVisitIsSoon() {
        model.kioskInfo(new KioskInfo(1, clock.instant(), "Mette", null, KioskInfo.Line.VIDEO,
                List.of(new KioskInfo.Appointment("a1", clock.instant().plus(Duration.ofMinutes(20)), 30, "Mette")), 15));
        assertTrue(heard.isEmpty());
        clock.advance(Duration.ofMinutes(6));
        model.tick();
        model.tick();
        assertEquals(List.of("chime 80"), heard);
    }

    @Test
    void dimsAtNightAndWakesForACall() {
        model.settings(new DeviceSettings(null, null, null, null, 90, "22:00", "07:00", 10, null, null, null));
        assertEquals(90, overlay.get(overlay.size() - 1), "day: the fleet's brightness");
        clock.now = java.time.Instant.parse("2026-11-23T23:00:00Z");
        model.tick();
        assertEquals(10, overlay.get(overlay.size() - 1), "night: dimmed");
        model.ringing("Mette", null);
        assertEquals(90, overlay.get(overlay.size() - 1), "a call wakes the screen");
    }

    @Test
    void aBacklitPanelIsDimmedByItsBacklightAloneNotAlsoInThePicture() throws Exception {
        Path backlit = Files.createDirectories(dir.resolve("backlit"));
        FakeRoot root = new FakeRoot(backlit).file("/sys/class/backlight/panel/max_brightness", "200")
                .file("/sys/class/backlight/panel/brightness", "200");
        KioskModel m = new KioskModel(clock, "K7M3-Q9PH", List::of);
        m.linkUp();
        KioskDisplay display = KioskDisplay.offscreen(KioskTheme.PI_DISPLAY, KioskActions.NONE, Optional.empty());
        // As DeviceMain wires it: the light's overlay is the display's own dimming.
        new KioskUi(m, null, Runnable::run).start(display, new ScreenLight(root.root, clock, display::dimTo),
                new RecordingTone(), timer);
        m.settings(new DeviceSettings(null, null, null, null, 90, "22:00", "07:00", 10, null, null, null));
        clock.now = java.time.Instant.parse("2026-11-23T23:00:00Z");
        m.tick();
        assertEquals("20", Files.readString(root.root.resolve("/sys/class/backlight/panel/brightness")),
                "night: the backlight at 10 % of 200");
        assertEquals(100, display.pictureBrightness(), "the picture itself is drawn at full brightness");
    }

    @Test
    void aTouchOnADimmedScreenWakesItAndPressesNothing() {
        List<Runnable> toAgent = new CopyOnWriteArrayList<>();
        KioskModel m = new KioskModel(clock, "K7M3-Q9PH", List::of);
        m.linkUp();
        // A real controller the actions are handed to (on a recording agent thread: never run here).
        var calls = new dk.bostotte.device.call.CallController(new dk.bostotte.protocol.codec.MessageCodec(), clock, timer,
                signal -> java.util.concurrent.CompletableFuture.completedFuture(null), () -> null, m, Optional.empty());
        List<Integer> shown = new CopyOnWriteArrayList<>();
        KioskUi ui = new KioskUi(m, calls, toAgent::add);
        ui.start(KioskDisplay.offscreen(KioskTheme.PI_DISPLAY, KioskActions.NONE, Optional.empty()),
                new ScreenLight(new FakeRoot(dir).root, clock, shown::add), new RecordingTone(), timer);
        m.settings(new DeviceSettings(null, null, null, null, 90, "22:00", "07:00", 10, null, null, null));

        ui.touched();
        ui.callWorker();
        assertEquals(1, toAgent.size(), "by day a touch on the call button calls");

        clock.now = java.time.Instant.parse("2026-11-23T23:00:00Z");
        m.tick();
        assertEquals(10, shown.get(shown.size() - 1), "night: dimmed");
        ui.touched();
        ui.callWorker();
        assertEquals(1, toAgent.size(), "the touch that lit the screen did not call");
        assertEquals(90, shown.get(shown.size() - 1), "it woke the screen");

        ui.touched();
        ui.callWorker();
        assertEquals(2, toAgent.size(), "the next touch, on a lit screen, calls");
    }

    private final class RecordingTone extends RingTone {
        RecordingTone() {
            super(false);
        }

        @Override
        public synchronized void startRinging(int volumePercent) {
            heard.add("ring " + volumePercent);
        }

        @Override
        public synchronized void stopRinging() {
            heard.add("stop");
        }

        @Override
        public synchronized void chime(int volumePercent) {
            heard.add("chime " + volumePercent);
        }

        @Override
        public synchronized void cameraWarning(int volumePercent) {
            heard.add("camera warning " + volumePercent);
        }
    }
}
