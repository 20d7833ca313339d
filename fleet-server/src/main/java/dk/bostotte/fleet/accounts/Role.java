package dk.bostotte.fleet.accounts;

import java.util.Locale;

/** What a console user may do: staff call citizens, support runs the fleet, admin manages it all, a manager reads the report. */
public enum Role {
    STAFF, SUPPORT, ADMIN,
    /** Reads the organisation's report; changes nothing. */
    MANAGER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
