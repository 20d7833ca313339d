package dk.bostotte.protocol.codec;

import java.util.Locale;

/** Why a payload was refused, naming the field where there is one. */
public record DecodeError(Reason reason, String field, String detail) {

    public enum Reason {
        TOO_LARGE, MALFORMED_JSON, UNSUPPORTED_VERSION, MISSING_FIELD, OUT_OF_RANGE, INVALID_VALUE;

        /** Lower-case label, as used in metrics. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String message() {
        return reason.label() + (field == null ? "" : " at '" + field + "'") + ": " + detail;
    }
}
