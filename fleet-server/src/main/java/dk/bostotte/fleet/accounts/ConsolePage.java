package dk.bostotte.fleet.accounts;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The console's pages and who may open each: the one place that decides a role's navigation, its
 * start page after signing in and where a refused page sends it. A page's API calls are allowed to
 * the same roles (each feature's routes check them), so a page never polls what its user may not read.
 */
enum ConsolePage {
    /** "Mine borgere": a worker's citizens, visits and contacts; an admin sees every citizen here. */
    CITIZENS("/", "citizens.html", Role.STAFF, Role.ADMIN),
    DEVICES("/devices", "devices.html", Role.SUPPORT, Role.ADMIN),
    DEVICE("/devices/:id", "device.html", Role.SUPPORT, Role.ADMIN),
    ALERTS("/alerts", "alerts.html", Role.SUPPORT, Role.ADMIN),
    COVERAGE("/coverage", "coverage.html", Role.SUPPORT, Role.ADMIN),
    INVENTORY("/inventory", "inventory.html", Role.ADMIN),
    USERS("/users", "users.html", Role.ADMIN),
    AUDIT("/audit", "audit.html", Role.SUPPORT, Role.ADMIN),
    REPORT("/report", "report.html", Role.ADMIN, Role.MANAGER);

    final String path;
    final String template;
    final Set<Role> roles;

    ConsolePage(String path, String template, Role first, Role... more) {
        this.path = path;
        this.template = template;
        this.roles = EnumSet.of(first, more);
    }

    boolean openTo(Role role) {
        return roles.contains(role);
    }

    /**
     * Where a role starts: where its work is. Staff call their citizens; IT support looks after the
     * fleet; an admin keeps the citizen register (adds citizens, assigns their workers) beside
     * everything else; a manager reads the report.
     */
    static ConsolePage startFor(Role role) {
        return switch (role) {
            case STAFF, ADMIN -> CITIZENS;
            case SUPPORT -> DEVICES;
            case MANAGER -> REPORT;
        };
    }

    /** The value of the header's {@code {{nav-NAME}}} placeholder: empty, or {@code hidden} for a page the role may not open. */
    String navAttribute(Role role) {
        return openTo(role) ? "" : "hidden";
    }

    /** The placeholder's name: {@code nav-citizens}, {@code nav-devices}, … */
    String navKey() {
        return "nav-" + name().toLowerCase(Locale.ROOT);
    }
}
