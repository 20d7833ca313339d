package dk.bostotte.device.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The kiosk's words in one language: Danish from {@code kiosk.properties}, English from
 * {@code kiosk_en.properties}. The JVM's own locale never decides, so a kiosk set to Danish
 * speaks Danish whatever the image's locale is.
 */
public final class Texts {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;

    public Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("dk.bostotte.device.ui.kiosk", locale, NO_FALLBACK);
    }

    /** The kiosk's language from the fleet setting: English when asked for, Danish otherwise. */
    public static Locale localeOf(String language) {
        return "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("da");
    }

    public Locale locale() {
        return locale;
    }

    /** The text for {@code key} with {@code args} filled in; a missing key shows as itself, never as a crash. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
