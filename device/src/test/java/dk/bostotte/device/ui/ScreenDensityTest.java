package dk.bostotte.device.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.ui.ScreenDensity.Panel;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The kiosk's idea of its panel's pixel density, which sizes every touch target. */
class ScreenDensityTest {

    private static final OptionalDouble NONE = OptionalDouble.empty();

    @Test
    void aKnownPanelIsKnownByItsSizeEitherWayUp() {
        assertEquals(8.3, ScreenDensity.of(720, 1280, NONE), "Touch Display 2 as it comes, portrait");
        assertEquals(8.3, ScreenDensity.of(1280, 720, NONE), "Touch Display 2 rotated to landscape");
        assertEquals(5.6, ScreenDensity.of(800, 480, NONE), "the first 7\" display");
        assertEquals(5.6, ScreenDensity.of(480, 800, NONE));
        assertEquals(8.3, ScreenDensity.of(720, 1280, OptionalDouble.of(96)), "the panel's size wins over a reported dpi");
    }

    @Test
    void fifteenMillimetresAreFifteenOnBothAxesOfEachPanel() {
        for (Panel p : Panel.values()) {
            int px = (int) Math.ceil(15 * p.pxPerMm());
            assertTrue(px / (p.widthPx / p.widthMm) >= 15 && px / (p.heightPx / p.heightMm) >= 15, p + ": " + px + " px");
        }
        // The old default everywhere: 78 px, which on the Touch Display 2 is under 10 mm.
        assertTrue(Math.ceil(15 * 5.2) / (1280 / 155.0) < 10);
    }

    @Test
    void anUnknownScreenUsesTheReportedDpiWhenItIsBelievable() {
        assertEquals(141 / 25.4, ScreenDensity.of(1920, 1080, OptionalDouble.of(141)), 1e-9);
        assertEquals(ScreenDensity.FALLBACK, ScreenDensity.of(1920, 1080, OptionalDouble.of(96)),
                "96 dpi is an X server's default, not a measurement");
        assertEquals(ScreenDensity.FALLBACK, ScreenDensity.of(1920, 1080, OptionalDouble.of(2000)));
        assertEquals(ScreenDensity.FALLBACK, ScreenDensity.of(1920, 1080, OptionalDouble.of(30)));
        assertEquals(ScreenDensity.FALLBACK, ScreenDensity.of(1920, 1080, NONE));
        assertEquals(5.6, ScreenDensity.FALLBACK);
    }

    @Test
    void aDensityGivenOnTheCommandLineWins() {
        assertEquals(11.7, KioskTheme.forScreen(720, 1280, 11.7, 1.0).pxPerMm(), "a 5\" Touch Display 2 has the same pixels");
        KioskTheme derived = KioskTheme.forScreen(720, 1280, null, 1.0);
        assertEquals(8.3, derived.pxPerMm());
        assertEquals(125, derived.minTouchPx());
    }
}
