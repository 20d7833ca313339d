package dk.bostotte.device.platform;

/** The checks the feature option records share; each message names the command-line option, for a one-line error. */
public final class OptionChecks {

    private OptionChecks() {
    }

    public static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", not " + value);
        }
    }
}
