package dk.bostotte.fleet.report;

import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.http.CsvTable;
import dk.bostotte.fleet.http.Period;
import dk.bostotte.fleet.http.Responses;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** The organisation's report for admins and managers: {@code /api/report} as JSON, each table as
 * {@code /api/report.csv?table=…} and all of them as {@code /api/report.zip}. */
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
        router.get("/api/report.csv").handler(readers).handler(this::table);
        router.get("/api/report.zip").handler(readers).handler(ctx -> {
            CsvTable words = CsvTable.forRequest(ctx);
            Period.of(ctx, responses, DEFAULT_PERIOD).ifPresent(p -> vertx.executeBlocking(
                            () -> ReportCsv.zip(report.between(p.from(), p.to()), words.locale()))
                    .onSuccess(zip -> responses.zip(ctx, words.word("file.report") + ".zip", zip)).onFailure(ctx::fail));
        });
    }

    /** One of the report's tables as a CSV file ({@code ?table=}, one of {@link ReportCsv#TABLES}). */
    private void table(RoutingContext ctx) {
        String name = ctx.queryParams().get("table");
        if (name == null || !ReportCsv.TABLES.contains(name)) {
            responses.error(ctx, 400, "table must be one of " + String.join(", ", ReportCsv.TABLES)
                    + " (or /api/report.zip for all of them)");
            return;
        }
        CsvTable t = CsvTable.forRequest(ctx);
        Period.of(ctx, responses, DEFAULT_PERIOD).ifPresent(p -> vertx.executeBlocking(
                        () -> ReportCsv.table(report.between(p.from(), p.to()), name, t))
                .onSuccess(csv -> responses.csv(ctx, ReportCsv.fileName(name, t), csv)).onFailure(ctx::fail));
    }
}
