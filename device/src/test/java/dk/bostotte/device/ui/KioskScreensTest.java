package dk.bostotte.device.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.MovableClock;
import dk.bostotte.device.call.MediaProfile;
import dk.bostotte.device.call.VideoScreen;
import dk.bostotte.device.ui.KioskView.Screen;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.KioskInfo;
import java.awt.Component;
import java.awt.Container;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kiosk screen drawn off-screen at the Pi display's size, in each state, and saved as a PNG
 * under {@code device/target/kiosk-screens/} (look at them). Checks what a citizen relies on: the
 * words, buttons of at least 15 mm that do what they say, the camera-live sign, the video itself.
 */
class KioskScreensTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final Path SCREENS = Path.of("target", "kiosk-screens");

    private final MovableClock clock = new MovableClock("2026-11-23T09:00:00Z");
    private final List<String> touched = new CopyOnWriteArrayList<>();
    private KioskModel model;
    private KioskDisplay display;

    @BeforeEach
    void setUp() {
        model = new KioskModel(clock, "K7M3-Q9PH", () -> ServiceFigures.rows("K7M3-Q9PH", "1.4.0", true,
                Optional.of(dk.bostotte.protocol.message.NetworkSample.class.cast(
                        new dk.bostotte.protocol.message.NetworkSample(12, clock.instant(),
                                dk.bostotte.protocol.message.LinkType.WIFI, 23.5, 4.1, 0.0, 41.2, 9.8, -61))),
                0, "IDLE", model.settings()));
        model.linkUp();
        display = KioskDisplay.offscreen(KioskTheme.PI_DISPLAY, new RecordingActions(), Optional.empty());
    }

    private KioskView shownAndSaved(String name) throws Exception {
        KioskView v = model.view();
        display.show(v);
        BufferedImage picture = display.picture();
        Files.createDirectories(SCREENS);
        ImageIO.write(picture, "png", SCREENS.resolve(name + ".png").toFile());
        assertEquals(800, picture.getWidth());
        assertEquals(480, picture.getHeight());
        everyButtonIsBigEnough(name);
        return v;
    }

    private void everyButtonIsBigEnough(String name) {
        int min = KioskTheme.PI_DISPLAY.minTouchPx();
        for (AbstractButton b : all(display.currentScreen(), AbstractButton.class)) {
            assertTrue(b.getWidth() >= min && b.getHeight() >= min,
                    name + ": button '" + b.getText() + "' is " + b.getWidth() + "×" + b.getHeight() + " px, under 15 mm (" + min + " px)");
        }
    }

    private void press(String text) {
        AbstractButton b = all(display.currentScreen(), AbstractButton.class).stream().filter(x -> text.equals(x.getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no button '" + text + "' on " + display.currentScreen().getName()));
        b.doClick();
    }

    /** The words on screen as the display itself collects them (and writes beside each snapshot). */
    private List<String> words() {
        return display.words();
    }

    private boolean says(String text) {
        return words().stream().anyMatch(w -> w.contains(text));
    }

    @Test
    void idleShowsClockWorkerNextVisitLineAndTheCallButton() throws Exception {
        model.kioskInfo(new KioskInfo(1, clock.instant(), "Mette Hansen", "Team Nord", KioskInfo.Line.VIDEO,
                List.of(new KioskInfo.Appointment("a1", Instant.parse("2026-11-24T13:00:00Z"), 30, "Mette Hansen")), 15));
        shownAndSaved("01-idle");
        assertTrue(says("10:00"), words().toString());
        assertTrue(says("Din bostøtte er Mette Hansen"));
        assertTrue(says("Næste onlinebesøg: i morgen kl. 14:00 med Mette Hansen"), words().toString());
        assertTrue(says("God forbindelse"));
        press("Ring til min bostøtte");
        assertEquals(List.of("callWorker"), touched);
    }

    @Test
    void idleInEnglishWithAReminderAndAMissedCall() throws Exception {
        model.settings(new DeviceSettings(null, null, "en"));
        model.kioskInfo(new KioskInfo(1, clock.instant(), "Mette Hansen", null, KioskInfo.Line.AUDIO_ONLY,
                List.of(new KioskInfo.Appointment("a1", clock.instant().plus(Duration.ofMinutes(10)), 30, "Mette Hansen")), 15));
        model.ringing("Jonas", null);
        model.ended("no one picked up");
        shownAndSaved("02-idle-en-reminder-missed");
        assertTrue(says("Mette Hansen will call you at 10:10"), words().toString());
        assertTrue(says("Jonas tried to call at 10:00"));
        assertTrue(says("Sound only"));
        assertTrue(says("Call my support worker"));
    }

    @Test
    void incomingWithAnswerDeclineAndTheAutoAnswerWarning() throws Exception {
        model.ringing("Mette Hansen", null);
        shownAndSaved("03-incoming");
        assertTrue(says("Mette Hansen ringer"));
        assertFalse(says("Kameraet tænder"));
        press("Tag den");
        press("Afvis");
        assertEquals(List.of("answer", "decline"), touched);

        model.ended("declined");
        model.ringing("Mette Hansen", 10);
        shownAndSaved("04-incoming-auto-answer");
        assertTrue(says("Kameraet tænder om 10 sekunder"), words().toString());
        Component before = display.currentScreen();
        clock.advance(Duration.ofSeconds(4));
        model.tick();
        display.show(model.view());
        assertSame(before, display.currentScreen(), "the countdown changes in place; the buttons stay under the finger");
        assertTrue(says("Kameraet tænder om 6 sekunder"), words().toString());
    }

    @Test
    void outgoingConnectingAndEndedScreens() throws Exception {
        model.calling();
        shownAndSaved("05-outgoing");
        assertTrue(says("Ringer til din bostøtte"));
        press("Læg på");
        assertEquals(List.of("hangUp"), touched);
        model.connecting("Mette Hansen");
        shownAndSaved("06-connecting");
        assertTrue(says("Forbinder til Mette Hansen"));
        model.inCall("Mette Hansen");
        clock.advance(Duration.ofSeconds(125));
        model.ended("the worker hung up");
        shownAndSaved("08-ended");
        assertTrue(says("Opkaldet er slut"));
        assertTrue(says("Varighed: 2 min. 5 sek."), words().toString());
    }

    @Test
    void inCallShowsTheOtherSidesVideoTheCameraSignAndTheControls() throws Exception {
        model.inCall("Mette Hansen");
        display.show(model.view());
        VideoScreen video = display;
        video.frame(VideoScreen.Source.REMOTE, 64, 48, solid(64, 48, 0x2060C0));
        video.frame(VideoScreen.Source.SELF, 32, 24, solid(32, 24, 0xC08020));
        BufferedImage picture = display.picture();
        shownAndSaved("07-in-call");
        assertEquals(0x2060C0, picture.getRGB(400, 240) & 0xFFFFFF, "the worker's picture fills the middle");
        assertTrue(says("Kameraet er tændt"));
        assertEquals(1, all(display.currentScreen(), JLabel.class).stream()
                .filter(l -> "cameraLiveSign".equals(l.getName())).count());
        press("Sluk mikrofon");
        press("Sluk kamera");
        press("Læg på");
        assertEquals(List.of("mute true", "camera off true", "hangUp"), touched);

        model.controls(true, true);
        model.profileChanged(MediaProfile.AUDIO_ONLY);
        shownAndSaved("07b-in-call-muted-camera-off-audio-only");
        assertTrue(says("Dit kamera er slukket"));
        assertTrue(says("Din mikrofon er slukket"));
        assertTrue(says("Kun lyd"));
        assertTrue(says("Tænd mikrofon") && says("Tænd kamera"));
    }

    @Test
    void noConnectionTellsWhatToTryAndTheDeviceIdToReadAloud() throws Exception {
        model.settings(new DeviceSettings(null, null, null, null, null, null, null, null, null, null, "IT-support: 70 12 34 56"));
        model.linkDown();
        clock.advance(KioskModel.NO_CONNECTION_AFTER);
        shownAndSaved("09-no-connection");
        assertEquals(Screen.NO_CONNECTION, model.view().screen());
        assertTrue(says("Skærmens nummer: K7M3-Q9PH"));
        assertTrue(says("stikket"));
        assertTrue(says("IT-support: 70 12 34 56"));

        // Holding the device id opens the service screen, as holding the clock does on the idle screen.
        javax.swing.JLabel id = all(display.currentScreen(), javax.swing.JLabel.class).stream()
                .filter(l -> "deviceId".equals(l.getName())).findFirst().orElseThrow();
        javax.swing.SwingUtilities.invokeAndWait(() -> id.dispatchEvent(new java.awt.event.MouseEvent(id,
                java.awt.event.MouseEvent.MOUSE_PRESSED, System.currentTimeMillis(), 0, 5, 5, 1, false)));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(KioskScreens.LONG_PRESS_MS + 3000);
        while (!touched.contains("longPress") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(touched.contains("longPress"), "a long press on the device id: " + touched);
    }

    @Test
    void lockedSaysWhomToContact() throws Exception {
        model.settings(new DeviceSettings(null, null, null, null, null, null, null, null, null, null, "IT-support: 70 12 34 56"));
        model.locked(Optional.of("Ring venligst til os"));
        shownAndSaved("10-locked");
        assertTrue(says("Denne skærm er spærret"));
        assertTrue(says("Kontakt IT-support: 70 12 34 56"));
        assertTrue(says("Besked: Ring venligst til os"));
        assertTrue(all(display.currentScreen(), AbstractButton.class).isEmpty(), "nothing to press on a locked device");
    }

    @Test
    void theServiceScreenBehindItsPin() throws Exception {
        model.settings(new DeviceSettings(null, null, null, null, null, null, null, null, null, "2580", null));
        model.longPress();
        shownAndSaved("11-service-pin");
        assertTrue(says("Servicekode"));
        for (String d : new String[] {"2", "5", "8", "0"}) {
            press(d);
        }
        assertEquals(List.of("pin 2", "pin 5", "pin 8", "pin 0"), touched);
        for (int d : new int[] {2, 5, 8, 0}) {
            model.pinDigit(d);
        }
        shownAndSaved("12-service");
        assertTrue(says("1.4.0"));
        assertTrue(says("23.5 ms"));
        assertTrue(says("41.2 Mbit/s"));
        assertFalse(says("null"), "an unset setting is left out, not shown as null: " + words());
        press("Luk");
        assertTrue(touched.contains("closeService"));
    }

    @Test
    void aKioskWithNoBundleSaysItIsNotSetUp() throws Exception {
        model.notSetUp();
        shownAndSaved("14-not-set-up");
        assertTrue(says("Denne skærm er ikke sat op"));
        assertTrue(all(display.currentScreen(), AbstractButton.class).isEmpty());
    }

    @Test
    void theWholeScreenDimsAtNightAndTextScales() throws Exception {
        display.show(model.view());
        double bright = meanBrightness(display.picture());
        display.dimTo(10);
        double dim = meanBrightness(display.picture());
        ImageIO.write(display.picture(), "png", SCREENS.resolve("13-idle-dimmed.png").toFile());
        assertTrue(dim < bright * 0.3, "dimmed " + dim + " vs " + bright);

        KioskTheme large = new KioskTheme(800, 480, 5.2, 1.4);
        assertTrue(large.font(1.0, false).getSize2D() > KioskTheme.PI_DISPLAY.font(1.0, false).getSize2D() * 1.3);
    }

    @Test
    void everyDanishTextHasAnEnglishOne() throws Exception {
        java.util.Properties da = new java.util.Properties();
        java.util.Properties en = new java.util.Properties();
        try (var a = getClass().getResourceAsStream("/dk/bostotte/device/ui/kiosk.properties");
             var b = getClass().getResourceAsStream("/dk/bostotte/device/ui/kiosk_en.properties")) {
            da.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            en.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(da.keySet(), en.keySet());
        assertEquals("Tag den", new Texts(java.util.Locale.forLanguageTag("da")).get("incoming.answer"));
        assertEquals("Answer", new Texts(java.util.Locale.ENGLISH).get("incoming.answer"));
    }

    // ------------------------------------------------------------------ helpers

    private static ByteBuffer solid(int w, int h, int rgb) {
        ByteBuffer b = ByteBuffer.allocate(w * h * 4);
        for (int i = 0; i < w * h; i++) {
            b.put((byte) (rgb & 0xFF)).put((byte) ((rgb >> 8) & 0xFF)).put((byte) ((rgb >> 16) & 0xFF)).put((byte) 0);
        }
        return b.flip();
    }

    private static double meanBrightness(BufferedImage img) {
        long sum = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                int p = img.getRGB(x, y);
                sum += ((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF);
            }
        }
        return sum / (double) (img.getWidth() / 4 * (img.getHeight() / 4));
    }

    static <T> List<T> all(Component root, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (type.isInstance(root)) {
            out.add(type.cast(root));
        }
        if (root instanceof Container c) {
            for (Component child : c.getComponents()) {
                out.addAll(all(child, type));
            }
        }
        return out;
    }

    private final class RecordingActions implements KioskActions {
        public void callWorker() { touched.add("callWorker"); }
        public void answer() { touched.add("answer"); }
        public void decline() { touched.add("decline"); }
        public void hangUp() { touched.add("hangUp"); }
        public void mute(boolean on) { touched.add("mute " + on); }
        public void cameraOff(boolean off) { touched.add("camera off " + off); }
        public void longPress() { touched.add("longPress"); }
        public void pinDigit(int digit) { touched.add("pin " + digit); }
        public void closeService() { touched.add("closeService"); }
    }
}
