package dk.bostotte.fleet.config;

/** {@code demo.accounts}: create the demo's four accounts at start, all with {@code demo.password}. */
public record DemoConfig(boolean accounts, String password) {

    static DemoConfig load(Settings s) {
        return new DemoConfig(s.getBoolean("demo.accounts", false), s.get("demo.password", ""));
    }
}
