package dk.bostotte.protocol;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * A device's identity: eight Crockford base-32 symbols in two groups, e.g. {@code K7M3-Q9PX}.
 * Short enough to read aloud from a label to IT support, URL- and topic-safe, and case-insensitive.
 * The last symbol is a check symbol, so a misheard id is caught before it reaches the database.
 */
public record DeviceId(String value) {

    /** Crockford's alphabet: no I, L, O or U, so nothing is confused with 1, 0 or V when read aloud. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final String PATTERN = "^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$";

    public DeviceId {
        if (value == null || !value.matches(PATTERN) || checkSymbol(value) != value.charAt(8)) {
            throw new IllegalArgumentException("not a device id: " + value);
        }
    }

    /** Parses what a person typed or read out: lower case, O for 0 and I/L for 1 are accepted. */
    public static Optional<DeviceId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim().toUpperCase(Locale.ROOT).replace('O', '0').replace('I', '1').replace('L', '1');
        if (s.length() == 8 && s.indexOf('-') < 0) {
            s = s.substring(0, 4) + "-" + s.substring(4);
        }
        if (!s.matches(PATTERN) || checkSymbol(s) != s.charAt(8)) {
            return Optional.empty();
        }
        return Optional.of(new DeviceId(s));
    }

    public static boolean isValid(String text) {
        return text != null && text.matches(PATTERN) && checkSymbol(text) == text.charAt(8);
    }

    public static DeviceId random(SecureRandom random) {
        StringBuilder b = new StringBuilder(9);
        for (int i = 0; i < 7; i++) {
            if (i == 4) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(random.nextInt(32)));
        }
        b.append('?');
        b.setCharAt(8, checkSymbol(b));
        return new DeviceId(b.toString());
    }

    /** Weighted sum of the first seven symbols mod 32: catches any single wrong symbol and most swaps. */
    private static char checkSymbol(CharSequence id) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                continue;
            }
            int v = ALPHABET.indexOf(id.charAt(i));
            if (v < 0) {
                return '!';
            }
            sum += v * weight;
            weight += 2;
        }
        return ALPHABET.charAt(sum % 32);
    }

    @Override
    public String toString() {
        return value;
    }
}
