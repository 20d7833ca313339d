package dk.bostotte.protocol.message;

import java.util.Arrays;
import java.util.Locale;

/** How enum values are spelled on the wire: lower case, words joined by hyphens ({@code RUN_NETWORK_TEST} → {@code run-network-test}). */
final class WireNames {

    private WireNames() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value spelled {@code wire}; an unknown spelling names {@code what} it should have been. */
    static <E extends Enum<E>> E parse(E[] values, String wire, String what) {
        return Arrays.stream(values).filter(v -> of(v).equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + wire + "'"));
    }
}
