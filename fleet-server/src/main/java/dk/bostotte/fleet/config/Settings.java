package dk.bostotte.fleet.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one key from the environment, then the properties ({@code http.port} →
 * {@code BOSTOTTE_HTTP_PORT}), and says which key was wrong when a value does not parse.
 */
record Settings(Map<String, String> props, Map<String, String> env) {

    String get(String key, String def) {
        String envKey = "BOSTOTTE_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
        String v = env.get(envKey);
        if (v == null) {
            v = props.get(key);
        }
        return v == null ? def : v.trim();
    }

    boolean getBoolean(String key, boolean def) {
        return Boolean.parseBoolean(get(key, Boolean.toString(def)));
    }

    /** A comma-separated list; empty when unset. */
    List<String> getList(String key) {
        return Arrays.stream(get(key, "").split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    double getDouble(String key, double def) {
        String raw = get(key, Double.toString(def));
        try {
            double v = Double.parseDouble(raw);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("setting " + key + "=" + raw + " must be a number of at least 0");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + "=" + raw + " is not a number");
        }
    }

    int getInt(String key, int def, int min, int max) {
        String raw = get(key, Integer.toString(def));
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new IllegalArgumentException("setting " + key + "=" + raw + " is outside [" + min + ", " + max + "]");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + "=" + raw + " is not a whole number");
        }
    }
}
