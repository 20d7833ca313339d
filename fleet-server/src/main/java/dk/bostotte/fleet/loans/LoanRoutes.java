package dk.bostotte.fleet.loans;

import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.http.PathIds;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.protocol.DeviceId;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Inventory and loans, for admins: {@code GET /api/inventory}, {@code GET /api/devices/{id}/loans},
 * {@code POST /api/devices/{id}/loan} ({@code citizenId}, {@code startedOn}, {@code expectedReturn}),
 * {@code POST /api/devices/{id}/return} ({@code returnedOn}) and {@code POST /api/devices/{id}/retire}.
 * Dates are ISO dates (2026-11-23); a missing start or return date is today.
 */
public final class LoanRoutes {

    record LoanRequest(Long citizenId, String startedOn, String expectedReturn) {
    }

    record ReturnRequest(String returnedOn) {
    }

    record StockRequest(String model, String serial) {
    }

    private final Vertx vertx;
    private final LoanService loans;
    private final Responses responses;

    public LoanRoutes(Vertx vertx, LoanService loans, Responses responses) {
        this.vertx = vertx;
        this.loans = loans;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        var admins = security.requireRole(Role.ADMIN);
        router.get("/api/inventory").handler(admins).handler(ctx -> answer(ctx, 200, loans::inventory));
        router.post("/api/inventory").handler(admins).handler(this::stock);
        router.get("/api/devices/:id/loans").handler(admins).handler(ctx -> PathIds.device(ctx, responses)
                .ifPresent(d -> answer(ctx, 200, () -> loans.history(d.value()))));
        router.post("/api/devices/:id/loan").handler(admins).handler(this::lend);
        router.post("/api/devices/:id/return").handler(admins).handler(this::giveBack);
        router.post("/api/devices/:id/retire").handler(admins).handler(ctx -> PathIds.device(ctx, responses).ifPresent(d -> {
            String who = ApiSecurity.account(ctx).username();
            answer(ctx, 200, () -> {
                loans.retire(d.value(), who);
                return Map.of("deviceId", d.value(), "lifecycle", "retired");
            });
        }));
    }

    private void lend(RoutingContext ctx) {
        Optional<DeviceId> device = PathIds.device(ctx, responses);
        LoanRequest r = device.isEmpty() ? null : responses.body(ctx, LoanRequest.class);
        if (r == null) {
            return;
        }
        if (r.citizenId() == null) {
            responses.error(ctx, 400, "citizenId is required");
            return;
        }
        Optional<LocalDate> start = date(ctx, "startedOn", r.startedOn());
        Optional<LocalDate> expected = date(ctx, "expectedReturn", r.expectedReturn());
        if (start == null || expected == null) {
            return;
        }
        String who = ApiSecurity.account(ctx).username();
        answer(ctx, 201, () -> loans.lend(device.get().value(), r.citizenId(), start.orElseGet(loans::today),
                expected.orElse(null), who));
    }

    /** A new box on the shelf: model and serial from its label; it gets its device id now, its certificate at enrolment. */
    private void stock(RoutingContext ctx) {
        StockRequest r = responses.body(ctx, StockRequest.class);
        if (r == null) {
            return;
        }
        // The same limits as enrolment, which later finds the box by model and serial.
        if (r.model() == null || r.model().isBlank() || r.model().length() > 64) {
            responses.error(ctx, 400, "model: required, at most 64 characters");
            return;
        }
        if (r.serial() == null || r.serial().isBlank() || r.serial().length() > 128) {
            responses.error(ctx, 400, "serial: required, at most 128 characters");
            return;
        }
        String who = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> loans.stock(r.model().trim(), r.serial().trim(), who)).onSuccess(d -> responses.json(ctx, 201, d))
                .onFailure(e -> {
                    if (e instanceof DeviceRegistry.DuplicateDeviceException) {
                        responses.error(ctx, 409, e.getMessage());
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private void giveBack(RoutingContext ctx) {
        Optional<DeviceId> device = PathIds.device(ctx, responses);
        ReturnRequest r = device.isEmpty() ? null : responses.body(ctx, ReturnRequest.class);
        if (r == null) {
            return;
        }
        Optional<LocalDate> on = date(ctx, "returnedOn", r.returnedOn());
        if (on == null) {
            return;
        }
        String who = ApiSecurity.account(ctx).username();
        answer(ctx, 200, () -> loans.giveBack(device.get().value(), on.orElseGet(loans::today), who));
    }

    /** The date, empty if not given, or null after answering 400. */
    private Optional<LocalDate> date(RoutingContext ctx, String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            responses.error(ctx, 400, field + " must be a date such as 2026-11-23, not '" + value + "'");
            return null;
        }
    }

    private <T> void answer(RoutingContext ctx, int status, Callable<T> work) {
        vertx.executeBlocking(work).onSuccess(v -> responses.json(ctx, status, v)).onFailure(e -> {
            if (e instanceof LoanService.LoanRefused refused) {
                responses.error(ctx, refused.status(), refused.getMessage());
            } else {
                ctx.fail(e);
            }
        });
    }
}
