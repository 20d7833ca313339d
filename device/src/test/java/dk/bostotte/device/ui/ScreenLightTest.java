package dk.bostotte.device.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.device.platform.FakeRoot;
import dk.bostotte.device.MovableClock;
import dk.bostotte.protocol.message.DeviceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenLightTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock("2026-11-23T23:00:00Z");
    private final DeviceSettings night = new DeviceSettings(null, null, null, null, 80, "22:00", "07:00", 10, null, null, null);

    @Test
    void dimsAtNightWakesOnTouchOrCallAndSetsTheBacklight() throws Exception {
        FakeRoot root = new FakeRoot(dir).file("/sys/class/backlight/rpi_backlight/max_brightness", "255")
                .file("/sys/class/backlight/rpi_backlight/brightness", "255");
        List<Integer> overlay = new ArrayList<>();
        ScreenLight light = new ScreenLight(root.root, clock, overlay::add);

        assertEquals(80, light.target(night, false, false), "day brightness by day");
        assertEquals(10, light.target(night, true, false), "night brightness at night");
        assertEquals(80, light.target(night, true, true), "a call wakes the screen");
        light.wake();
        assertEquals(80, light.target(night, true, false), "a touch wakes it");
        clock.advance(ScreenLight.AWAKE_AFTER_TOUCH.plus(Duration.ofSeconds(1)));
        assertEquals(10, light.target(night, true, false), "and it dims again a minute later");

        light.apply(10);
        assertEquals("26", Files.readString(root.root.resolve("/sys/class/backlight/rpi_backlight/brightness")));
        assertEquals(List.of(100), overlay, "with a backlight, the picture itself is not darkened");
    }

    @Test
    void withoutABacklightThePictureIsDarkenedInstead() {
        List<Integer> overlay = new ArrayList<>();
        ScreenLight light = new ScreenLight(new FakeRoot(dir).root, clock, overlay::add);
        light.apply(10);
        light.apply(10);
        light.apply(100);
        assertEquals(List.of(10, 100), overlay, "set once per change");
    }
}
