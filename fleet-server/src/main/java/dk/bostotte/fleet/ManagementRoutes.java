package dk.bostotte.fleet;

import dk.bostotte.fleet.accounts.AccountService;
import dk.bostotte.fleet.accounts.UserRoutes;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.console.AuditRoutes;
import dk.bostotte.fleet.config.ReportConfig;
import dk.bostotte.fleet.config.TimeConfig;
import dk.bostotte.fleet.report.OrgReport;
import dk.bostotte.fleet.report.ReportRoutes;
import org.jooq.DSLContext;

/** What managers and administrators look after: the organisation's report, the audit log and the users. */
final class ManagementRoutes {

    private ManagementRoutes() {
    }

    static void mount(Web web, DSLContext dsl, ReportConfig report, TimeConfig time, AccountService accounts, AuditLog audit) {
        new ReportRoutes(web.vertx(), new OrgReport(dsl, report, time.zone()), web.responses()).mount(web.router(), web.security());
        new AuditRoutes(web.vertx(), audit, web.responses()).mount(web.router(), web.security());
        new UserRoutes(web.vertx(), accounts, web.security(), audit, web.responses()).mount(web.router());
    }
}
