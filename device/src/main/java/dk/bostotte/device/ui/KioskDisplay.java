package dk.bostotte.device.ui;

import dk.bostotte.device.call.VideoScreen;
import java.awt.AWTEvent;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Cursor;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the kiosk screens on a display: a full-screen, undecorated window on the device, or an
 * off-screen panel that saves each new screen as a PNG (tests, documentation, a device with no
 * display). Also where the call's video lands ({@link VideoScreen}) and where dimming is drawn
 * when the panel has no backlight control.
 */
public final class KioskDisplay implements VideoScreen {

    private static final Logger log = LoggerFactory.getLogger(KioskDisplay.class);

    private final VideoSurface remote = new VideoSurface();
    private final VideoSurface self = new VideoSurface();
    private final KioskScreens screens;
    private final DimmablePanel root = new DimmablePanel();
    private final Optional<Path> snapshots;
    private final AtomicInteger snapshotCount = new AtomicInteger();
    private JFrame frame;
    private KioskView shown;
    private JComponent current;
    private boolean videoSnapshotTaken;

    private KioskDisplay(KioskTheme theme, KioskActions actions, Optional<Path> snapshots) {
        this.screens = new KioskScreens(theme, actions, remote, self);
        this.snapshots = snapshots;
        root.setBackground(KioskTheme.BACKGROUND);
        root.setSize(theme.width(), theme.height());
    }

    /** The size a full-screen window gets on the local display: under cage, the whole panel. */
    public static Dimension windowSize() {
        return GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds().getSize();
    }

    /** Full screen on the local display; {@code onTouch} hears every press anywhere (to wake the screen). */
    public static KioskDisplay window(KioskTheme theme, KioskActions actions, Runnable onTouch, Optional<Path> snapshots) {
        Rectangle bounds = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        KioskDisplay d = new KioskDisplay(theme.withSize(bounds.width, bounds.height), actions, snapshots);
        onEdt(() -> {
            JFrame f = new JFrame("Bostøtte");
            f.setUndecorated(true);
            f.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
            f.setContentPane(d.root);
            f.setBounds(bounds);
            // A touch screen has no pointer to show.
            f.setCursor(Toolkit.getDefaultToolkit().createCustomCursor(
                    new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB), new Point(), "none"));
            Toolkit.getDefaultToolkit().addAWTEventListener(e -> {
                if (e.getID() == MouseEvent.MOUSE_PRESSED) {
                    onTouch.run();
                }
            }, AWTEvent.MOUSE_EVENT_MASK);
            f.setVisible(true);
            d.frame = f;
        });
        return d;
    }

    /** No window: each new screen is laid out off-screen and, with {@code snapshots}, saved there as a PNG. */
    public static KioskDisplay offscreen(KioskTheme theme, KioskActions actions, Optional<Path> snapshots) {
        return new KioskDisplay(theme, actions, snapshots);
    }

    /** Shows {@code view}; safe from any thread. */
    public void show(KioskView view) {
        onEdt(() -> render(view));
    }

    /** How bright the picture is drawn, in per cent (100 = as drawn). */
    int pictureBrightness() {
        int[] b = new int[1];
        onEdtAndWait(() -> b[0] = root.brightness);
        return b[0];
    }

    /** Darkens the picture to {@code percent} brightness (100 = as drawn). */
    public void dimTo(int percent) {
        onEdt(() -> {
            root.brightness = percent;
            root.repaint();
        });
    }

    private void render(KioskView view) {
        boolean rebuild = shown == null || !sameScreen(shown, view);
        if (rebuild) {
            root.removeAll();
            current = screens.build(view);
            root.add(current, BorderLayout.CENTER);
            root.revalidate();
            if (view.screen() != KioskView.Screen.IN_CALL) {
                videoSnapshotTaken = false;
            }
        } else if (!Objects.equals(shown.autoAnswerInS(), view.autoAnswerInS())) {
            // Only the countdown moved: change its text in place, so a finger on "Decline" is not lost to a rebuild.
            find(current, "autoAnswerWarning").ifPresent(l -> Widgets.recentre((JLabel) l,
                    "⚠ " + screens.texts(view.locale()).get("incoming.autoAnswer", view.autoAnswerInS())));
        }
        boolean newScreen = shown == null || shown.screen() != view.screen();
        shown = view;
        root.repaint();
        if (newScreen || rebuild && view.screen() != KioskView.Screen.IN_CALL) {
            snapshot(view.screen().name());
        }
    }

    /** Equal but for the seconds of the clock and the countdown: nothing to rebuild. */
    static boolean sameScreen(KioskView a, KioskView b) {
        return a.steady().equals(b.steady());
    }

    private static Optional<Component> find(Component c, String name) {
        if (c == null) {
            return Optional.empty();
        }
        if (name.equals(c.getName())) {
            return Optional.of(c);
        }
        if (c instanceof Container k) {
            for (Component child : k.getComponents()) {
                Optional<Component> f = find(child, name);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return Optional.empty();
    }

    /** The screen as it looks now, drawn off-screen (also for a window, for screenshots). */
    public BufferedImage picture() {
        BufferedImage[] out = new BufferedImage[1];
        onEdtAndWait(() -> {
            layOut(root);
            BufferedImage img = new BufferedImage(Math.max(1, root.getWidth()), Math.max(1, root.getHeight()),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            root.printAll(g);
            g.dispose();
            out[0] = img;
        });
        return out[0];
    }

    /** The component of the screen now shown, for tests that look for a button. */
    public JComponent currentScreen() {
        JComponent[] c = new JComponent[1];
        onEdtAndWait(() -> {
            layOut(root);
            c[0] = current;
        });
        return c[0];
    }

    /** Every label's and button's text on the screen now shown, in layout order, without markup. */
    List<String> words() {
        List<String> out = new ArrayList<>();
        onEdtAndWait(() -> collectWords(root, out));
        return out;
    }

    private static void collectWords(Component c, List<String> out) {
        if (!c.isVisible()) {
            return;
        }
        String text = c instanceof JLabel l ? l.getText()
                : c instanceof AbstractButton b ? b.getText() : null;
        if (text != null) {
            String plain = text.replaceAll("<[^>]+>", " ").replace("&nbsp;", " ").replaceAll("\\s+", " ").trim();
            if (!plain.isEmpty()) {
                out.add(plain);
            }
        }
        if (c instanceof Container k) {
            for (Component child : k.getComponents()) {
                collectWords(child, out);
            }
        }
    }

    private static void layOut(Component c) {
        c.doLayout();
        if (c instanceof Container k) {
            for (Component child : k.getComponents()) {
                layOut(child);
            }
        }
    }

    private void snapshot(String name) {
        if (snapshots.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(snapshots.get());
            Path file = snapshots.get().resolve(String.format("%03d-%s.png", snapshotCount.incrementAndGet(), name));
            // Written aside and moved in whole, so whoever watches the folder never reads half a PNG.
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            ImageIO.write(picture(), "png", partial.toFile());
            // Beside it, the words on the screen, one per line, for tests (and people) that read rather than look.
            Files.writeString(file.resolveSibling(file.getFileName().toString().replaceFirst("\\.png$", ".txt")),
                    String.join("\n", words()) + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log.warn("screen snapshot not saved: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------ VideoScreen

    @Override
    public void frame(Source source, int width, int height, ByteBuffer bgrx) {
        VideoSurface surface = source == Source.REMOTE ? remote : self;
        surface.frame(width, height, bgrx);
        // One picture of a call with video in it, once a second of it has been shown.
        if (source == Source.REMOTE && surface.framesShown() == 30 && snapshots.isPresent()) {
            onEdt(() -> {
                if (!videoSnapshotTaken && shown != null && shown.screen() == KioskView.Screen.IN_CALL) {
                    videoSnapshotTaken = true;
                    snapshot("IN_CALL-video");
                }
            });
        }
    }

    @Override
    public void clear() {
        remote.clear();
        self.clear();
    }

    public VideoSurface remoteVideo() {
        return remote;
    }

    private static void onEdt(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }

    private static void onEdtAndWait(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
            return;
        }
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The content pane: draws its children, then darkens them when the screen is dimmed. */
    private static final class DimmablePanel extends JPanel {
        int brightness = 100;

        DimmablePanel() {
            super(new BorderLayout());
        }

        @Override
        public void paint(Graphics g) {
            super.paint(g);
            if (brightness < 100) {
                int alpha = (int) Math.round(235 * (100 - brightness) / 100.0);
                g.setColor(new Color(0, 0, 0, alpha));
                g.fillRect(0, 0, getWidth(), getHeight());
            }
        }
    }
}
