package dk.bostotte.fleet;

import dk.bostotte.fleet.alerts.AlertRoutes;
import dk.bostotte.fleet.alerts.AlertService;
import dk.bostotte.fleet.alerts.AlertStore;
import dk.bostotte.fleet.alerts.AlertWatch;
import dk.bostotte.fleet.alerts.DeviceHealthWatches;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.config.AlertConfig;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.netq.ConnectionVerdicts;
import dk.bostotte.fleet.alerts.VerdictDropWatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jooq.DSLContext;

/** Alerts: the devices' health watches and the verdict drop watch, checked on a timer, and their routes. */
record AlertFeature(AlertService service, AlertStore store) {

    static AlertFeature start(AlertConfig config, Web web, DSLContext dsl, ConnectionVerdicts verdicts, AuditLog audit,
                              FleetMetrics metrics, Deque<AutoCloseable> toClose) {
        AlertStore store = new AlertStore(dsl);
        List<AlertWatch> watches = new ArrayList<>(DeviceHealthWatches.all(dsl, config));
        watches.add(new VerdictDropWatch(verdicts, config.verdictRecent()));
        AlertService alerts = new AlertService(store, watches, config.raiseAfter(), audit, metrics, Clock.systemUTC())
                .start(config.checkEvery());
        toClose.push(alerts);
        new AlertRoutes(web.vertx(), alerts, store, web.responses()).mount(web.router(), web.security());
        return new AlertFeature(alerts, store);
    }
}
