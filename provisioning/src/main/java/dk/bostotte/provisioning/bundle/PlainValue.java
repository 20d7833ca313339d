package dk.bostotte.provisioning.bundle;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The rules that keep {@code device.properties} plain: printable ASCII, no backslash (the only
 * character Properties would interpret), no surrounding blanks, at most 128 characters.
 */
final class PlainValue {

    private static final String PLAIN = "[\\x21-\\x5B\\x5D-\\x7E]([\\x20-\\x5B\\x5D-\\x7E]{0,126}[\\x21-\\x5B\\x5D-\\x7E])?";

    private PlainValue() {
    }

    static void require(String what, String value) {
        if (value == null || !value.matches(PLAIN)) {
            throw new IllegalArgumentException(what + " must be 1-128 printable ASCII characters without '\\' "
                    + "or surrounding spaces: " + (value == null ? "missing" : "'" + value + "'"));
        }
    }

    static void requirePort(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 1-65535: " + port);
        }
    }

    static String get(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(file + " lacks " + key);
        }
        return value;
    }

    static int getPort(Properties p, String key, Path file) {
        return getInt(p, key, file, "a port");
    }

    /** {@code key}'s whole-number value; {@code what} names the kind in the error, e.g. "a port". */
    static int getInt(Properties p, String key, Path file, String what) {
        String value = get(p, key, file);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " in " + file + " is not " + what + ": " + value);
        }
    }
}
