package dk.bostotte.fleet.devices;

import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Filters, order and page of the fleet list, from the query string: {@code offlineHours=N} (offline
 * for at least N hours), {@code verdict=poor|video-hd|video|audio-only|insufficient|unknown},
 * {@code outdated=true} (not on the newest app version in the fleet), {@code never=true} (never
 * connected), {@code q=} (id, serial or postcode), {@code sort=id|lastSeen|version|verdict|postcode},
 * {@code dir=asc|desc}, {@code page} (from 0) and {@code size} (at most 200).
 */
public record FleetQuery(Integer offlineHours, String verdict, boolean outdated, boolean neverConnected, String text,
                         String sort, boolean descending, int page, int size) {

    public static final int MAX_SIZE = 200;
    static final Set<String> SORTS = Set.of("id", "lastSeen", "version", "verdict", "postcode");
    static final Set<String> VERDICTS = Set.of("poor", "video-hd", "video", "audio-only", "insufficient", "unknown");

    /** The query, or the first thing wrong with it in words. */
    public static Parsed parse(MultiMap p) {
        try {
            Integer offline = intParam(p, "offlineHours", 0, 100_000, null);
            String verdict = blankToNull(p.get("verdict"));
            if (verdict != null && !VERDICTS.contains(verdict)) {
                return new Parsed(null, "verdict must be one of " + VERDICTS + ", not '" + verdict + "'");
            }
            String sort = p.get("sort") == null || p.get("sort").isBlank() ? "id" : p.get("sort");
            if (!SORTS.contains(sort)) {
                return new Parsed(null, "sort must be one of " + SORTS + ", not '" + sort + "'");
            }
            String dir = p.get("dir") == null ? "asc" : p.get("dir");
            if (!dir.equals("asc") && !dir.equals("desc")) {
                return new Parsed(null, "dir must be asc or desc, not '" + dir + "'");
            }
            String text = blankToNull(p.get("q"));
            if (text != null && text.length() > 64) {
                return new Parsed(null, "q has at most 64 characters");
            }
            return new Parsed(new FleetQuery(offline, verdict, "true".equals(p.get("outdated")), "true".equals(p.get("never")),
                    text, sort, dir.equals("desc"), intParam(p, "page", 0, 1_000_000, 0), intParam(p, "size", 1, MAX_SIZE, 50)),
                    null);
        } catch (IllegalArgumentException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    public record Parsed(FleetQuery query, String problem) {
    }

    private static Integer intParam(MultiMap p, String name, int min, int max, Integer fallback) {
        String v = blankToNull(p.get(name));
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The query as it was asked, for the page to echo back. */
    public Map<String, Object> echo() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (offlineHours != null) {
            m.put("offlineHours", offlineHours);
        }
        if (verdict != null) {
            m.put("verdict", verdict);
        }
        m.put("outdated", outdated);
        m.put("never", neverConnected);
        if (text != null) {
            m.put("q", text);
        }
        m.put("sort", sort);
        m.put("dir", descending ? "desc" : "asc");
        return m;
    }
}
