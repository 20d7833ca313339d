package dk.bostotte.device.kiosk;

import java.util.Locale;
import java.util.Optional;

/**
 * The answer button and status light: which GPIO platform ({@code --gpio}) and which pins
 * ({@code --button-pin}, {@code --led-pin}). A pin is null when not given: then the config bundle's
 * wiring counts, else the default wiring of hardware-notes/wiring.md.
 */
public record GpioOptions(KioskHardware.Gpio gpio, Integer buttonPin, Integer ledPin) {

    public static final String GPIO = "auto";
    public static final int DEFAULT_BUTTON_PIN = 17;
    public static final int DEFAULT_LED_PIN = 27;

    public static GpioOptions of(String gpio, Integer buttonPin, Integer ledPin) {
        try {
            return new GpioOptions(KioskHardware.Gpio.valueOf(gpio.toUpperCase(Locale.ROOT)), buttonPin, ledPin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--gpio must be auto, mock or off, not '" + gpio + "'");
        }
    }

    public static GpioOptions defaults() {
        return of(GPIO, null, null);
    }

    public int buttonPin(Optional<Integer> bundle) {
        return pin(buttonPin, bundle, DEFAULT_BUTTON_PIN);
    }

    public int ledPin(Optional<Integer> bundle) {
        return pin(ledPin, bundle, DEFAULT_LED_PIN);
    }

    /** A pin given on the command line wins; then the bundle's; then the default wiring. */
    public static int pin(Integer flag, Optional<Integer> bundle, int wired) {
        return flag != null ? flag : bundle.orElse(wired);
    }
}
