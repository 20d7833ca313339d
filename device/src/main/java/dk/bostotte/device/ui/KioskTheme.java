package dk.bostotte.device.ui;

import java.awt.Color;
import java.awt.Font;

/**
 * Colours, type sizes and touch-target sizes for one screen. Everything scales with the screen's
 * shorter side (so portrait and landscape look alike) and the text scale; buttons are never smaller
 * than 15 mm at the screen's pixel density.
 */
public record KioskTheme(int width, int height, double pxPerMm, double textScale) {

    /** The official 7" Raspberry Pi touch display (2015): 800×480, 5.6 pixels per millimetre down its short side. */
    public static final KioskTheme PI_DISPLAY = new KioskTheme(800, 480, ScreenDensity.Panel.PI_DISPLAY_7.pxPerMm(), 1.0);

    /**
     * The theme for a {@code width}×{@code height} screen: at {@code givenPxPerMm} when the kiosk was
     * told its density, else at the density of the panel that size belongs to ({@link ScreenDensity}).
     */
    public static KioskTheme forScreen(int width, int height, Double givenPxPerMm, double textScale) {
        double pxPerMm = givenPxPerMm != null ? givenPxPerMm : ScreenDensity.of(width, height, ScreenDensity.reportedDpi());
        return new KioskTheme(width, height, pxPerMm, textScale);
    }

    public static final Color BACKGROUND = new Color(0x10, 0x2A, 0x43);
    public static final Color PANEL = new Color(0x1B, 0x3B, 0x5A);
    public static final Color TEXT = Color.WHITE;
    public static final Color MUTED_TEXT = new Color(0xD6, 0xE2, 0xEE);
    public static final Color GO = new Color(0x14, 0x7A, 0x3C);
    public static final Color STOP = new Color(0xB3, 0x26, 0x1E);
    public static final Color NEUTRAL = new Color(0x3A, 0x5F, 0x85);
    public static final Color WARNING = new Color(0xFF, 0xC1, 0x07);
    public static final Color GOOD_LINE = new Color(0x4C, 0xD9, 0x64);
    public static final Color POOR_LINE = new Color(0xFF, 0x9F, 0x0A);
    public static final Color NO_LINE = new Color(0xFF, 0x6B, 0x5E);

    /** Smallest side of anything a finger must hit, in pixels. */
    public int minTouchPx() {
        return (int) Math.ceil(15 * pxPerMm);
    }

    /** The height of the large buttons: at least 15 mm, more on a large screen. */
    public int buttonHeight() {
        return Math.max(minTouchPx(), shortSide() / 6);
    }

    public Font font(double relativeSize, boolean bold) {
        float px = (float) Math.max(14, shortSide() / 24.0 * relativeSize * textScale);
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(px);
    }

    /** How wide a line of text may be: the page less its margins. */
    public int lineWidth() {
        return width - gap() * 6;
    }

    public int gap() {
        return Math.max(8, shortSide() / 40);
    }

    /** Sizes follow the short side: a portrait screen's height would make words too wide for its width. */
    private int shortSide() {
        return Math.min(width, height);
    }

    public KioskTheme withSize(int w, int h) {
        return new KioskTheme(w, h, pxPerMm, textScale);
    }
}
