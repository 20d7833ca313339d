package dk.bostotte.fleet.netq;

import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.http.CsvTable;
import dk.bostotte.fleet.http.Period;
import dk.bostotte.fleet.http.Responses;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;

/** Coverage by postcode for IT support and admins: {@code /api/coverage} as JSON and {@code /api/coverage.csv}. */
public final class CoverageRoutes {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final Vertx vertx;
    private final CoverageReport report;
    private final Responses responses;

    public CoverageRoutes(Vertx vertx, CoverageReport report, Responses responses) {
        this.vertx = vertx;
        this.report = report;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        var readers = security.requireRole(Role.SUPPORT, Role.ADMIN);
        router.get("/api/coverage").handler(readers).handler(ctx -> Period.of(ctx, responses, DEFAULT_PERIOD)
                .ifPresent(p -> vertx.executeBlocking(() -> report.between(p.from(), p.to()))
                        .onSuccess(areas -> responses.json(ctx, 200, areas)).onFailure(ctx::fail)));
        router.get("/api/coverage/points").handler(readers).handler(ctx -> Period.of(ctx, responses, DEFAULT_PERIOD)
                .ifPresent(p -> vertx.executeBlocking(() -> report.points(p.from(), p.to()))
                        .onSuccess(points -> responses.json(ctx, 200, points)).onFailure(ctx::fail)));
        router.get("/api/coverage.csv").handler(readers).handler(ctx -> {
            CsvTable t = CsvTable.forRequest(ctx);
            Period.of(ctx, responses, DEFAULT_PERIOD).ifPresent(p -> vertx.executeBlocking(
                            () -> CoverageReport.csv(report.between(p.from(), p.to()), t))
                    .onSuccess(csv -> responses.csv(ctx, t.fileName("coverage"), csv)).onFailure(ctx::fail));
        });
    }
}
