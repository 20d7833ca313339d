package dk.bostotte.device.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.MovableClock;
import dk.bostotte.device.call.MediaProfile;
import dk.bostotte.device.call.VideoScreen;
import dk.bostotte.device.ui.KioskView.Screen;
import dk.bostotte.device.ui.ScreenDensity.Panel;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.KioskInfo;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kiosk screen drawn off-screen at the first Pi display's size in each state, and at the Touch
 * Display 2's both ways up, saved as PNGs (and the words as .txt) under
 * {@code device/target/kiosk-screens/} (look at them). Checks what a citizen relies on: the words,
 * buttons of at least 15 mm on the real panel that do what they say, the camera-live sign, the
 * video and the citizen's own picture.
 */
class KioskScreensTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final Path SCREENS = Path.of("target", "kiosk-screens");

    private final MovableClock clock = new MovableClock("2026-11-23T09:00:00Z");
    private final List<String> touched = new CopyOnWriteArrayList<>();
    private KioskModel model;
    private KioskTheme theme = KioskTheme.PI_DISPLAY;
    /** The physical panel the screens are measured on. */
    private Panel panel = Panel.PI_DISPLAY_7;
    private KioskDisplay display;

    @BeforeEach
    void setUp() {
        model = new KioskModel(clock, "K7M3-Q9PH", () -> ServiceFigures.rows("K7M3-Q9PH", "1.4.0", true,
                Optional.of(dk.bostotte.protocol.message.NetworkSample.class.cast(
                        new dk.bostotte.protocol.message.NetworkSample(12, clock.instant(),
                                dk.bostotte.protocol.message.LinkType.WIFI, 23.5, 4.1, 0.0, 41.2, 9.8, -61))),
                0, "IDLE", model.settings()));
        model.linkUp();
        display = KioskDisplay.offscreen(theme, new RecordingActions(), Optional.empty());
    }

    /** The screens from now on at {@code width}×{@code height} on {@code onPanel}, at the density the app derives. */
    private void screenIs(Panel onPanel, int width, int height) {
        panel = onPanel;
        theme = KioskTheme.forScreen(width, height, null, 1.0);
        display = KioskDisplay.offscreen(theme, new RecordingActions(), Optional.empty());
    }

    private KioskView shownAndSaved(String name) throws Exception {
        KioskView v = model.view();
        display.show(v);
        BufferedImage picture = display.picture();
        Path png = SCREENS.resolve(name + ".png");
        Files.createDirectories(png.getParent());
        ImageIO.write(picture, "png", png.toFile());
        Files.writeString(SCREENS.resolve(name + ".txt"), String.join("\n", words()) + "\n");
        assertEquals(theme.width(), picture.getWidth());
        assertEquals(theme.height(), picture.getHeight());
        everyButtonIsBigEnough(name);
        everyWordIsInSight(name);
        return v;
    }

    /**
     * No text is cut off, elided ("…") or laid out beyond its panel: each label and button is at
     * least as large as its words need, inside its parent, on the screen.
     */
    private void everyWordIsInSight(String name) {
        Component screen = display.currentScreen();
        Rectangle whole = new Rectangle(screen.getSize());
        for (javax.swing.JComponent c : all(screen, javax.swing.JComponent.class)) {
            java.awt.Dimension needs = c instanceof JLabel l ? l.getUI().getPreferredSize(l)
                    : c instanceof AbstractButton b ? b.getUI().getPreferredSize(b) : null;
            if (needs == null || !c.isShowing() && !isShownOffscreen(c)) {
                continue;
            }
            String what = name + ": '" + (c instanceof JLabel l ? l.getText() : ((AbstractButton) c).getText()) + "'";
            assertTrue(needs.width <= c.getWidth() && needs.height <= c.getHeight(),
                    what + " needs " + needs.width + "×" + needs.height + " px, has " + c.getWidth() + "×" + c.getHeight());
            assertTrue(new Rectangle(c.getParent().getSize()).contains(c.getBounds()), what + " lies outside its panel");
            assertTrue(whole.contains(SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), screen)), what + " is off the screen");
        }
    }

    /** Off-screen nothing is "showing"; visible all the way up counts instead. */
    private static boolean isShownOffscreen(Component c) {
        for (Component k = c; k != null; k = k.getParent()) {
            if (!k.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every button at least 15 mm each way on the physical panel, each axis at its own pixel pitch:
     * not the theme's own figure, which would only check the theme against itself.
     */
    private void everyButtonIsBigEnough(String name) {
        boolean asBuilt = theme.width() == panel.widthPx;
        double pxPerMmAcross = theme.width() / (asBuilt ? panel.widthMm : panel.heightMm);
        double pxPerMmDown = theme.height() / (asBuilt ? panel.heightMm : panel.widthMm);
        for (AbstractButton b : all(display.currentScreen(), AbstractButton.class)) {
            double wide = b.getWidth() / pxPerMmAcross;
            double high = b.getHeight() / pxPerMmDown;
            assertTrue(wide >= 15 && high >= 15, String.format("%s: button '%s' is %d×%d px, %.1f×%.1f mm on %s: under 15 mm",
                    name, b.getText(), b.getWidth(), b.getHeight(), wide, high, panel));
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
    void theEndedScreenSaysWhyACallDidNotHappen() throws Exception {
        model.calling();
        model.ended("no one answered");
        assertEquals(Screen.ENDED, shownAndSaved("15-ended-not-answered").screen());
        assertEquals(List.of("Din bostøtte kunne ikke tage den lige nu", "Prøv igen om lidt."), words());

        model.calling();
        model.connecting("Mette Hansen");
        model.ended("media did not connect");
        assertEquals(Screen.ENDED, shownAndSaved("16-ended-failed").screen());
        assertEquals(List.of("Opkaldet kunne ikke gennemføres", "Prøv igen om lidt."), words());
    }

    @Test
    void theIdleIndicatorSaysHowTheConnectionIs() throws Exception {
        model.kioskInfo(new KioskInfo(1, clock.instant(), "Mette Hansen", null, KioskInfo.Line.INSUFFICIENT, List.of(), 15));
        shownAndSaved("18-idle-weak-line");
        assertLine("● Svag forbindelse", KioskTheme.POOR_LINE);

        model = new KioskModel(clock, "K7M3-Q9PH", List::of);
        assertEquals(Screen.IDLE, shownAndSaved("19-idle-connecting").screen(), "just started, not yet connected");
        assertLine("● Forbinder …", KioskTheme.POOR_LINE);

        model.linkUp();
        model.linkDown();
        clock.advance(KioskModel.NO_CONNECTION_AFTER.minusSeconds(1));
        assertEquals(Screen.IDLE, shownAndSaved("20-idle-no-line").screen(), "a short drop is shown in words only");
        assertLine("● Ingen forbindelse", KioskTheme.NO_LINE);
        assertTrue(says("Ring til min bostøtte"));
    }

    @Test
    void idleWithNoVisitBookedSaysSo() throws Exception {
        model.kioskInfo(new KioskInfo(1, clock.instant(), "Mette Hansen", "Team Nord", KioskInfo.Line.VIDEO, List.of(), 15));
        shownAndSaved("21-idle-no-visit");
        assertEquals(List.of("10:00", "Mandag 23. november", "● God forbindelse", "Din bostøtte er Mette Hansen",
                "Intet onlinebesøg er aftalt", "Ring til min bostøtte"), words());
    }

    private void assertLine(String words, java.awt.Color colour) {
        JLabel line = all(display.currentScreen(), JLabel.class).stream().filter(l -> "line".equals(l.getName()))
                .findFirst().orElseThrow();
        assertEquals(words, line.getText());
        assertEquals(colour, line.getForeground());
    }

    @Test
    void inCallShowsTheOtherSidesVideoTheCameraSignAndTheControls() throws Exception {
        model.inCall("Mette Hansen");
        display.show(model.view());
        feedVideo();
        shownAndSaved("07-in-call");
        videoFillsTheMiddleWithTheSelfViewInTheCorner(display.picture());
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
        assertEquals(0, selfViewPixels(display.picture()).count, "camera off: no picture of the citizen");
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
        hold(named("deviceId"));
        assertEquals(Screen.SERVICE, model.view().screen(), "no PIN set: straight in");
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
        display.show(model.view());
        hold(named("clock"));
        assertEquals(Screen.SERVICE_PIN, shownAndSaved("11-service-pin").screen(), "holding the clock asks for the PIN");
        assertTrue(says("Servicekode"));
        touched.clear();
        for (String d : new String[] {"2", "5", "8", "0"}) {
            press(d);
        }
        assertEquals(List.of("pin 2", "pin 5", "pin 8", "pin 0"), touched);
        for (int d : new int[] {1, 2, 3}) {
            model.pinDigit(d);
        }
        shownAndSaved("11b-service-pin-three-digits");
        assertTrue(says("Servicekode ●●●"), words().toString());
        model.pinDigit(4);
        assertEquals(Screen.SERVICE_PIN, shownAndSaved("17-service-pin-wrong").screen());
        assertEquals("Servicekode", words().get(0), "the wrong digits are gone: " + words());
        assertTrue(says("Forkert kode. Prøv igen."));
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

        KioskTheme large = new KioskTheme(800, 480, KioskTheme.PI_DISPLAY.pxPerMm(), 1.4);
        assertTrue(large.font(1.0, false).getSize2D() > KioskTheme.PI_DISPLAY.font(1.0, false).getSize2D() * 1.3);
    }

    /** The recommended panel, portrait as it comes and landscape as mounted: every screen, at the density the app derives. */
    @ParameterizedTest
    @CsvSource({"720, 1280", "1280, 720"})
    void everyScreenOnTheTouchDisplay2HasFingerSizedButtons(int width, int height) throws Exception {
        screenIs(Panel.TOUCH_DISPLAY_2_7, width, height);
        assertEquals(8.3, theme.pxPerMm(), "no --screen-px-per-mm: known by its size");
        String dir = width + "x" + height + "/";
        model.kioskInfo(new KioskInfo(1, clock.instant(), "Mette Hansen", "Team Nord", KioskInfo.Line.VIDEO,
                List.of(new KioskInfo.Appointment("a1", Instant.parse("2026-11-24T13:00:00Z"), 30, "Mette Hansen")), 15));
        assertEquals(Screen.IDLE, shownAndSaved(dir + "01-idle").screen());
        model.ringing("Mette Hansen", 10);
        assertEquals(Screen.INCOMING, shownAndSaved(dir + "04-incoming-auto-answer").screen());
        model.ended("declined");
        model.calling();
        assertEquals(Screen.OUTGOING, shownAndSaved(dir + "05-outgoing").screen());
        model.connecting("Mette Hansen");
        assertEquals(Screen.CONNECTING, shownAndSaved(dir + "06-connecting").screen());
        model.inCall("Mette Hansen");
        display.show(model.view());
        feedVideo();
        assertEquals(Screen.IN_CALL, shownAndSaved(dir + "07-in-call").screen());
        videoFillsTheMiddleWithTheSelfViewInTheCorner(display.picture());
        model.controls(true, true);
        shownAndSaved(dir + "07b-in-call-muted-camera-off");
        model.ended("the worker hung up");
        assertEquals(Screen.ENDED, shownAndSaved(dir + "08-ended").screen());
        clock.advance(KioskModel.ENDED_SHOWN);
        model.settings(new DeviceSettings(null, null, null, null, null, null, null, null, null, "2580", "IT-support: 70 12 34 56"));
        model.longPress();
        assertEquals(Screen.SERVICE_PIN, shownAndSaved(dir + "11-service-pin").screen());
        for (int d : new int[] {2, 5, 8, 0}) {
            model.pinDigit(d);
        }
        assertEquals(Screen.SERVICE, shownAndSaved(dir + "12-service").screen());
        model.closeServiceScreen();
        model.linkDown();
        clock.advance(KioskModel.NO_CONNECTION_AFTER);
        assertEquals(Screen.NO_CONNECTION, shownAndSaved(dir + "09-no-connection").screen());
        model.linkUp();
        model.locked(Optional.of("Ring venligst til os"));
        assertEquals(Screen.LOCKED, shownAndSaved(dir + "10-locked").screen());
        model.notSetUp();
        assertEquals(Screen.NOT_SET_UP, shownAndSaved(dir + "14-not-set-up").screen());
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

    private static final int REMOTE_RGB = 0x2060C0;
    private static final int SELF_RGB = 0xC08020;

    private void feedVideo() {
        VideoScreen video = display;
        video.frame(VideoScreen.Source.REMOTE, 64, 48, solid(64, 48, REMOTE_RGB));
        video.frame(VideoScreen.Source.SELF, 32, 24, solid(32, 24, SELF_RGB));
    }

    /** The worker's picture in the middle of the video area; the citizen's own, of a visible size, in its bottom right corner only. */
    private void videoFillsTheMiddleWithTheSelfViewInTheCorner(BufferedImage picture) {
        Rectangle video = videoArea();
        assertEquals(REMOTE_RGB, picture.getRGB((int) video.getCenterX(), (int) video.getCenterY()) & 0xFFFFFF,
                "the worker's picture fills the middle");
        SelfView self = selfViewPixels(picture);
        int min = theme.minTouchPx();
        assertTrue(self.count >= min * min, "the citizen's own picture is at least 15 mm square: " + self.count + " px");
        assertTrue(self.left >= video.getCenterX() && self.top >= video.getCenterY(),
                "the citizen's own picture sits in the bottom right corner: from " + self.left + "," + self.top + " in " + video);
    }

    private record SelfView(int count, int left, int top) {
    }

    /** Where the self-view's colour appears in the video area. */
    private SelfView selfViewPixels(BufferedImage picture) {
        Rectangle video = videoArea();
        int count = 0;
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        for (int y = video.y; y < video.y + video.height; y++) {
            for (int x = video.x; x < video.x + video.width; x++) {
                if ((picture.getRGB(x, y) & 0xFFFFFF) == SELF_RGB) {
                    count++;
                    left = Math.min(left, x);
                    top = Math.min(top, y);
                }
            }
        }
        return new SelfView(count, left, top);
    }

    /** The video panel's place on the screen. */
    private Rectangle videoArea() {
        Component screen = display.currentScreen();
        Component video = named("video");
        return SwingUtilities.convertRectangle(video.getParent(), video.getBounds(), screen);
    }

    private Component named(String name) {
        return all(display.currentScreen(), Component.class).stream().filter(c -> name.equals(c.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("nothing named '" + name + "' on " + display.currentScreen().getName()));
    }

    /**
     * A finger held on {@code c} until the long press acts. The press goes where a window's AWT
     * dispatch sends it: to the nearest enclosing component that listens for the mouse.
     */
    private void hold(Component c) throws Exception {
        Component target = c;
        while (target.getMouseListeners().length == 0) {
            target = target.getParent();
        }
        assertTrue(target != display.currentScreen(), "the press is held by the part pressed, not the whole screen");
        Component pressed = target;
        SwingUtilities.invokeAndWait(() -> pressed.dispatchEvent(new MouseEvent(pressed, MouseEvent.MOUSE_PRESSED,
                System.currentTimeMillis(), 0, 5, 5, 1, false)));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KioskScreens.LONG_PRESS_MS + 3000);
        while (!touched.contains("longPress") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(touched.contains("longPress"), "a long press on " + c.getName() + ": " + touched);
    }

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
        /** As KioskUi does: the model opens the service screen (or not). */
        public void longPress() {
            touched.add("longPress");
            model.longPress();
        }
        public void pinDigit(int digit) { touched.add("pin " + digit); }
        public void closeService() { touched.add("closeService"); }
    }
}
