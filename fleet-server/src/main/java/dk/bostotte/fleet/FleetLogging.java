package dk.bostotte.fleet;

/**
 * Points logback at the fleet server's own configuration by a name no other jar uses. The embedded
 * HiveMQ jar ships a {@code logback.xml} of its own; with ours under the same name logback found two,
 * warned, and printed its whole start-up status (some 37 lines) before the server's first line.
 */
public final class FleetLogging {

    /** The fleet server's logback configuration on the class path. */
    public static final String CONFIG_RESOURCE = "dk/bostotte/fleet/logback.xml";

    private static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";

    private FleetLogging() {
    }

    /** Selects the fleet server's configuration, unless one was given with -Dlogback.configurationFile. Call before any logger exists. */
    public static void useFleetConfig() {
        if (System.getProperty(LOGBACK_CONFIG_PROPERTY) == null) {
            System.setProperty(LOGBACK_CONFIG_PROPERTY, CONFIG_RESOURCE);
        }
    }
}
