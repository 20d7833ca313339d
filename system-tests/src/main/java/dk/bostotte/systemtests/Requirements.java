package dk.bostotte.systemtests;

import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * What a test needs of this machine beyond Java. {@code ./bostotte test} installs all of it and sets
 * {@value #REQUIRE_ALL}: there a missing part fails the test, so CI can never pass by skipping the
 * browser or the media tests. A developer's plain {@code mvn verify} without them skips, saying why.
 */
public final class Requirements {

    public static final String REQUIRE_ALL = "BOSTOTTE_REQUIRE_ALL";

    private Requirements() {
    }

    /** Skips (or, under {@code ./bostotte test}, fails) the calling test unless {@code present}. */
    public static void require(boolean present, String missing) {
        require(present, missing, requireAll());
    }

    static void require(boolean present, String missing, boolean strict) {
        if (present) {
            return;
        }
        if (strict) {
            throw new AssertionFailedError(missing + ", and " + REQUIRE_ALL + " is set: ./bostotte test installs it");
        }
        Assumptions.abort(missing);
    }

    static boolean requireAll() {
        return "1".equals(System.getenv(REQUIRE_ALL));
    }
}
