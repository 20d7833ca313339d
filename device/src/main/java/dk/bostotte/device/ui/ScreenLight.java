package dk.bostotte.device.ui;

import dk.bostotte.device.platform.SystemRoot;
import dk.bostotte.protocol.message.DeviceSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How bright the screen is: the fleet's day brightness, dimmed to its night brightness during
 * night hours, and fully awake for a while after a touch, a button press or a call. Sets the
 * panel's backlight when the kernel exposes one ({@code /sys/class/backlight}); otherwise the
 * window darkens its picture ({@code overlay}) so the effect is the same on any screen.
 */
public final class ScreenLight {

    private static final Logger log = LoggerFactory.getLogger(ScreenLight.class);
    /** How long a touch keeps a night-dimmed screen awake. */
    public static final Duration AWAKE_AFTER_TOUCH = Duration.ofMinutes(1);
    static final int DEFAULT_DAY = 100;
    static final int DEFAULT_NIGHT = 20;

    private final SystemRoot root;
    private final Clock clock;
    private final IntConsumer overlay;
    private final Optional<String> backlight;
    private Instant awakeUntil = Instant.MIN;
    private int current = -1;

    /** {@code overlay} receives the percentage the window should show when there is no backlight to set. */
    public ScreenLight(SystemRoot root, Clock clock, IntConsumer overlay) {
        this.root = root;
        this.clock = clock;
        this.overlay = overlay;
        this.backlight = root.list("/sys/class/backlight").stream().findFirst().map(n -> "/sys/class/backlight/" + n);
        backlight.ifPresent(b -> log.info("screen brightness through {}", b));
    }

    public synchronized void wake() {
        awakeUntil = clock.instant().plus(AWAKE_AFTER_TOUCH);
    }

    /** The brightness the screen should have now, in per cent. */
    public synchronized int target(DeviceSettings s, boolean night, boolean inCallOrRinging) {
        int day = day(s);
        if (!night || inCallOrRinging || clock.instant().isBefore(awakeUntil)) {
            return day;
        }
        return Math.min(day, s.nightBrightnessPercent() != null ? s.nightBrightnessPercent() : DEFAULT_NIGHT);
    }

    /** Sets the screen to {@code percent} if it is not there already; returns what was set. */
    public synchronized int apply(int percent) {
        if (percent == current) {
            return current;
        }
        current = percent;
        if (backlight.isPresent() && writeBacklight(backlight.get(), percent)) {
            overlay.accept(100);
        } else {
            overlay.accept(percent);
        }
        return current;
    }

    public synchronized int current() {
        return current;
    }

    /** Whether the screen is darker now than it is by day with settings {@code s}. */
    public synchronized boolean dimmed(DeviceSettings s) {
        return current >= 0 && current < day(s);
    }

    private static int day(DeviceSettings s) {
        return s.brightnessPercent() != null ? s.brightnessPercent() : DEFAULT_DAY;
    }

    private boolean writeBacklight(String dir, int percent) {
        try {
            int max = Integer.parseInt(root.read(dir + "/max_brightness").orElse("255"));
            // Never fully dark through the backlight: a black panel looks broken; 0 % is for the overlay.
            long value = Math.max(1, Math.round(max * percent / 100.0));
            Files.writeString(root.resolve(dir + "/brightness"), Long.toString(value), StandardCharsets.UTF_8);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot set the backlight ({}); dimming the picture instead", e.toString());
            return false;
        }
    }
}
