package dk.bostotte.device.ui;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The kiosk screen's start-up options: where it goes ({@code --ui}), snapshots of each screen
 * ({@code --ui-snapshots}), the panel's density ({@code --screen-px-per-mm}; null: the screen's size
 * decides it, see {@code KioskTheme.forScreen}) and larger text ({@code --text-scale}).
 */
public record UiOptions(Ui ui, Optional<Path> snapshots, Double screenPxPerMm, double textScale) {

    /** Where the kiosk screens go: see {@code --ui}. */
    public enum Ui { AUTO, WINDOW, OFFSCREEN, OFF }

    public static final String UI = "auto";
    public static final double TEXT_SCALE = 1.0;

    public UiOptions {
        if (screenPxPerMm != null && (screenPxPerMm < 1 || screenPxPerMm > 40)) {
            throw new IllegalArgumentException("--screen-px-per-mm must be between 1 and 40, not " + screenPxPerMm);
        }
        if (textScale < 0.5 || textScale > 3) {
            throw new IllegalArgumentException("--text-scale must be between 0.5 and 3, not " + textScale);
        }
    }

    public static UiOptions of(String ui, boolean simulate, Path snapshots, Double screenPxPerMm, double textScale) {
        return new UiOptions(parseUi(ui, simulate), Optional.ofNullable(snapshots), screenPxPerMm, textScale);
    }

    public static UiOptions defaults(boolean simulate) {
        return of(UI, simulate, null, null, TEXT_SCALE);
    }

    /** Whether there is a kiosk screen at all (a window or off-screen). */
    public boolean screen() {
        return ui != Ui.OFF;
    }

    /** auto: a window when there is a display to put it on and this is a real kiosk, not a simulation. */
    static Ui parseUi(String value, boolean simulate) {
        Ui ui;
        try {
            ui = Ui.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ui must be auto, window, offscreen or off, not '" + value + "'");
        }
        if (ui != Ui.AUTO) {
            return ui;
        }
        boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        return display && !simulate && !GraphicsEnvironment.isHeadless() ? Ui.WINDOW : Ui.OFF;
    }
}
