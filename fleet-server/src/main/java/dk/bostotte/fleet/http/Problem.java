package dk.bostotte.fleet.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the console can say in the worker's language: {@code code} (such as {@code in-past})
 * and the {@code field} it concerns are translated from the console's bundles; {@code detail} is the
 * server's English, kept in the answer for IT support; {@code extra} adds values the message names.
 */
public record Problem(int status, String code, String field, String detail, Map<String, Object> extra) {

    /** The code of a number outside its range ({@code min} and {@code max} in the answer). */
    public static final String OUT_OF_RANGE = "out-of-range";
    /** The code of a value that is not one of the choices. */
    public static final String INVALID_CHOICE = "invalid-choice";

    public Problem {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public Problem(int status, String code, String field, String detail) {
        this(status, code, field, detail, Map.of());
    }

    /** {@code field} must be a number from {@code min} to {@code max}: a 400 naming both. */
    public static Problem outOfRange(String field, Number min, Number max) {
        return new Problem(400, OUT_OF_RANGE, field, field + " must be between " + min + " and " + max,
                Map.of("min", min, "max", max));
    }

    /** The JSON body: {@code {"error": detail, "code": ..., "field": ..., ...extra}}. */
    public Map<String, Object> body() {
        Map<String, Object> out = new LinkedHashMap<>(extra);
        out.put("error", detail);
        out.put("code", code);
        if (field != null) {
            out.put("field", field);
        }
        return out;
    }

    /** A problem the caller can throw from blocking work; {@link Responses#fail} answers it. */
    public static final class Refusal extends RuntimeException {
        private final transient Problem problem;

        public Refusal(Problem problem) {
            super(problem.detail());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
