package dk.bostotte.fleet.devices;

import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.http.PathIds;
import dk.bostotte.fleet.http.Period;
import dk.bostotte.fleet.http.Problem;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.fleet.http.TimeChecks;
import dk.bostotte.fleet.netq.ConnectionVerdicts;
import dk.bostotte.protocol.DeviceId;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The device inventory's JSON API. */
public final class DeviceRoutes {

    private static final int MAX_TELEMETRY_POINTS = 20_000;
    private static final Logger log = LoggerFactory.getLogger(DeviceRoutes.class);

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final FleetBroker broker;
    private final AuditLog audit;
    private final Responses responses;
    private final ConnectionVerdicts verdicts;
    private final FleetList fleet;

    public DeviceRoutes(Vertx vertx, DeviceRegistry registry, FleetBroker broker, AuditLog audit, Responses responses,
                        ConnectionVerdicts verdicts, FleetList fleet) {
        this.verdicts = verdicts;
        this.fleet = fleet;
        this.vertx = vertx;
        this.registry = registry;
        this.broker = broker;
        this.audit = audit;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        var readers = security.requireRole(Role.SUPPORT, Role.ADMIN);
        var admins = security.requireRole(Role.ADMIN);
        router.get("/api/devices").handler(readers).handler(ctx -> blocking(ctx, registry::list));
        router.get("/api/fleet").handler(readers).handler(this::fleet);
        router.get("/api/devices/:id").handler(readers).handler(this::one);
        router.get("/api/devices/:id/telemetry").handler(readers).handler(this::telemetry);
        router.get("/api/devices/:id/verdict").handler(readers).handler(ctx -> pathId(ctx).ifPresent(id ->
                vertx.executeBlocking(() -> verdicts.of(id)).onSuccess(v -> responses.json(ctx, 200, v)).onFailure(ctx::fail)));
        router.put("/api/devices/:id/planned-outage").handler(readers).handler(this::plannedOutage);
        router.post("/api/devices").handler(admins).handler(this::register);
        router.post("/api/devices/:id/revoke").handler(admins).handler(this::revoke);
    }

    private void one(RoutingContext ctx) {
        Optional<DeviceId> id = pathId(ctx);
        if (id.isPresent()) {
            vertx.executeBlocking(() -> registry.find(id.get())).onSuccess(d -> {
                if (d.isPresent()) {
                    responses.json(ctx, 200, d.get());
                } else {
                    responses.error(ctx, 404, "no device " + id.get());
                }
            }).onFailure(ctx::fail);
        }
    }

    /** The body of a planned outage: until when (ISO-8601), or null to clear it. */
    record PlannedOutage(String until) {
    }

    private void plannedOutage(RoutingContext ctx) {
        Optional<DeviceId> id = pathId(ctx);
        PlannedOutage body = id.isEmpty() ? null : responses.body(ctx, PlannedOutage.class);
        if (body == null) {
            return;
        }
        Optional<Instant> until;
        try {
            until = Optional.ofNullable(body.until()).filter(u -> !u.isBlank()).map(Instant::parse);
        } catch (DateTimeParseException e) {
            responses.error(ctx, 400, "until must be an ISO-8601 instant such as 2026-12-24T00:00:00Z, not '" + body.until() + "'");
            return;
        }
        // An outage that has already ended plans nothing: refused, naming the field.
        Optional<Problem> past = until.flatMap(u -> TimeChecks.notInPast("until", u, Instant.now()));
        if (past.isPresent()) {
            responses.problem(ctx, past.get());
            return;
        }
        String actor = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> {
            if (!registry.setPlannedOutage(id.get(), until)) {
                return Optional.<DeviceView>empty();
            }
            audit.record(actor, "device.planned-outage", id.get().value(), Map.of("until", until.map(Object::toString).orElse("")));
            return registry.find(id.get());
        }).onSuccess(v -> {
            if (v.isEmpty()) {
                responses.error(ctx, 404, "no device " + id.get());
            } else {
                responses.json(ctx, 200, v.get());
            }
        }).onFailure(ctx::fail);
    }

    private void fleet(RoutingContext ctx) {
        FleetQuery.Parsed q = FleetQuery.parse(ctx.queryParams());
        if (q.problem() != null) {
            responses.error(ctx, 400, q.problem());
            return;
        }
        blocking(ctx, () -> fleet.page(q.query(), Instant.now()));
    }

    private void telemetry(RoutingContext ctx) {
        Optional<DeviceId> id = pathId(ctx);
        if (id.isEmpty()) {
            return;
        }
        Period.of(ctx, responses, Duration.ofDays(1)).ifPresent(p ->
                blocking(ctx, () -> registry.telemetry(id.get(), p.from(), p.to(), MAX_TELEMETRY_POINTS)));
    }

    private void register(RoutingContext ctx) {
        DeviceRegistration r = responses.body(ctx, DeviceRegistration.class);
        if (r == null) {
            return;
        }
        String problem = r.problem();
        if (problem != null) {
            responses.error(ctx, 400, problem);
            return;
        }
        String actor = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> {
            DeviceView v = registry.register(r);
            audit.record(actor, "device.enrol", r.id(), Map.of("model", r.model(), "serial", r.serial(),
                    "certFingerprint", r.certFingerprint()));
            return v;
        }).onSuccess(v -> responses.json(ctx, 201, v)).onFailure(e -> {
            if (e instanceof DeviceRegistry.DuplicateDeviceException) {
                responses.error(ctx, 409, e.getMessage());
            } else {
                ctx.fail(e);
            }
        });
    }

    private void revoke(RoutingContext ctx) {
        Optional<DeviceId> id = pathId(ctx);
        if (id.isEmpty()) {
            return;
        }
        String actor = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> {
            if (!registry.revoke(id.get())) {
                return Optional.<DeviceView>empty();
            }
            audit.record(actor, "device.revoke", id.get().value(), Map.of());
            return registry.find(id.get());
        }).onSuccess(v -> {
            if (v.isEmpty()) {
                responses.error(ctx, 404, "no device " + id.get());
                return;
            }
            // Refused at its next connect by the registry; the live connection is cut now.
            broker.disconnect(id.get().value(), "certificate revoked").whenComplete((ok, e) -> {
                if (e != null) {
                    log.warn("revoked {} but could not disconnect it now: {}", id.get(), e.toString());
                }
            });
            responses.json(ctx, 200, v.get());
        }).onFailure(ctx::fail);
    }

    private <T> void blocking(RoutingContext ctx, Callable<T> work) {
        vertx.executeBlocking(work).onSuccess(r -> responses.json(ctx, 200, r)).onFailure(ctx::fail);
    }

    private Optional<DeviceId> pathId(RoutingContext ctx) {
        return PathIds.device(ctx, responses);
    }
}
