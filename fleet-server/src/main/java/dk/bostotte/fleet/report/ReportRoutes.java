package dk.bostotte.fleet.report;

import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.http.Period;
import dk.bostotte.fleet.http.Responses;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;

/** The organisation's report for admins and managers: {@code /api/report} as JSON and {@code /api/report.csv}. */
public final class ReportRoutes {

    /** Twelve weeks: a quarter's trend at a glance. */
    static final Duration DEFAULT_PERIOD = Duration.ofDays(84);

    private final Vertx vertx;
    private final OrgReport report;
    private final Responses responses;

    public ReportRoutes(Vertx vertx, OrgReport report, Responses responses) {
        this.vertx = vertx;
        this.report = report;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        var readers = security.requireRole(Role.ADMIN, Role.MANAGER);
        router.get("/api/report").handler(readers).handler(ctx -> Period.of(ctx, responses, DEFAULT_PERIOD)
                .ifPresent(p -> vertx.executeBlocking(() -> report.between(p.from(), p.to()))
                        .onSuccess(r -> responses.json(ctx, 200, r)).onFailure(ctx::fail)));
        router.get("/api/report.csv").handler(readers).handler(ctx -> Period.of(ctx, responses, DEFAULT_PERIOD)
                .ifPresent(p -> vertx.executeBlocking(() -> OrgReport.csv(report.between(p.from(), p.to())))
                        .onSuccess(csv -> responses.csv(ctx, "report.csv", csv)).onFailure(ctx::fail)));
    }
}
