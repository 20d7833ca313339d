package dk.bostotte.protocol.codec;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Collects the first rule a decoded message breaks. Messages state their rules through it so that
 * the codec, not each caller, turns a bad field into a {@link DecodeError}.
 */
public final class Checks {

    private final String prefix;
    private final DecodeError[] first;

    public Checks() {
        this("", new DecodeError[1]);
    }

    private Checks(String prefix, DecodeError[] first) {
        this.prefix = prefix;
        this.first = first;
    }

    /** The same collector, naming fields below {@code path}. */
    public Checks nested(String path) {
        return new Checks(prefix + path + ".", first);
    }

    public Optional<DecodeError> firstError() {
        return Optional.ofNullable(first[0]);
    }

    private Checks fail(DecodeError.Reason reason, String field, String detail) {
        if (first[0] == null) {
            first[0] = new DecodeError(reason, prefix + field, detail);
        }
        return this;
    }

    public Checks required(String field, Object value) {
        return value == null ? fail(DecodeError.Reason.MISSING_FIELD, field, "is required") : this;
    }

    /** Null passes: optional numbers are checked only when present. */
    public Checks range(String field, Number value, double min, double max) {
        if (value == null) {
            return this;
        }
        double d = value.doubleValue();
        if (Double.isNaN(d) || d < min || d > max) {
            return fail(DecodeError.Reason.OUT_OF_RANGE, field, value + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
        }
        return this;
    }

    public Checks text(String field, String value, int minLength, int maxLength) {
        if (value != null && (value.length() < minLength || value.length() > maxLength)) {
            return fail(DecodeError.Reason.OUT_OF_RANGE, field,
                    "length " + value.length() + " is outside [" + minLength + ", " + maxLength + "]");
        }
        return this;
    }

    public Checks size(String field, Collection<?> value, int min, int max) {
        if (value != null && (value.size() < min || value.size() > max)) {
            return fail(DecodeError.Reason.OUT_OF_RANGE, field, value.size() + " items is outside [" + min + ", " + max + "]");
        }
        return this;
    }

    public Checks oneOf(String field, String value, String... allowed) {
        if (value != null && !Arrays.asList(allowed).contains(value)) {
            return fail(DecodeError.Reason.INVALID_VALUE, field, "'" + value + "' is not one of " + Arrays.toString(allowed));
        }
        return this;
    }

    /** Null passes; otherwise the whole value must match {@code pattern}, described to the sender as {@code expected}. */
    public Checks matches(String field, String value, Pattern pattern, String expected) {
        if (value != null && !pattern.matcher(value).matches()) {
            return fail(DecodeError.Reason.INVALID_VALUE, field, "'" + value + "' is not " + expected);
        }
        return this;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
    }
}
