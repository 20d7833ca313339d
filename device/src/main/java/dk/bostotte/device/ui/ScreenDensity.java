package dk.bostotte.device.ui;

import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.util.OptionalDouble;

/**
 * Pixels per millimetre of the kiosk's panel, which decides how many pixels a 15 mm touch target
 * needs. A panel we ship is known by its size in pixels; an unknown one by what the display server
 * reports, when that is believable; else the official 7" display's figure.
 */
final class ScreenDensity {

    /** The panels hardware-notes/bill-of-materials.md names, by pixels and physical active area. */
    enum Panel {
        /** Official 7" display (2015): 800×480 on 154.08×85.92 mm. */
        PI_DISPLAY_7(800, 480, 154.08, 85.92),
        /** Touch Display 2, 7" (2024): natively portrait, 720×1280 on 88×155 mm. */
        TOUCH_DISPLAY_2_7(720, 1280, 88, 155);

        final int widthPx;
        final int heightPx;
        final double widthMm;
        final double heightMm;

        Panel(int widthPx, int heightPx, double widthMm, double heightMm) {
            this.widthPx = widthPx;
            this.heightPx = heightPx;
            this.widthMm = widthMm;
            this.heightMm = heightMm;
        }

        /**
         * The denser of the two axes, rounded up to 0.1: pixels are not quite square (the 7" v1 has
         * 5.19 across and 5.59 down), and 15 mm must be 15 mm whichever way a button is measured.
         */
        double pxPerMm() {
            return Math.ceil(Math.max(widthPx / widthMm, heightPx / heightMm) * 10) / 10;
        }

        /** This panel, either way up (the kiosk may be mounted rotated). */
        boolean is(int w, int h) {
            return w == widthPx && h == heightPx || w == heightPx && h == widthPx;
        }
    }

    /** For a screen we know nothing about: the panel the kiosk was first built with. */
    static final double FALLBACK = Panel.PI_DISPLAY_7.pxPerMm();
    /** X servers' default when they do not know the panel's size (Xwayland under cage, Xvfb): not a measurement. */
    private static final int PLACEHOLDER_DPI = 96;

    private ScreenDensity() {
    }

    /** The density of a {@code width}×{@code height} screen whose display server reports {@code dpi} (if any). */
    static double of(int width, int height, OptionalDouble dpi) {
        for (Panel p : Panel.values()) {
            if (p.is(width, height)) {
                return p.pxPerMm();
            }
        }
        if (dpi.isPresent() && dpi.getAsDouble() != PLACEHOLDER_DPI) {
            double pxPerMm = dpi.getAsDouble() / 25.4;
            // 3–20 px/mm spans a large monitor to a small phone; outside it the figure is made up.
            if (pxPerMm >= 3 && pxPerMm <= 20) {
                return pxPerMm;
            }
        }
        return FALLBACK;
    }

    /** The display server's resolution, if there is a display. */
    static OptionalDouble reportedDpi() {
        if (GraphicsEnvironment.isHeadless()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Toolkit.getDefaultToolkit().getScreenResolution());
        } catch (RuntimeException e) {
            return OptionalDouble.empty();
        }
    }
}
