package dk.bostotte.fleet.commands;

import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.http.PathIds;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.CommandType;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/devices/{id}/commands} issues a command and returns it with its id;
 * {@code GET /api/commands/{id}} returns it with its state and result; {@code GET
 * /api/devices/{id}/commands} the device's recent ones. For IT support and admins.
 */
public final class CommandRoutes {

    private static final int RECENT = 50;

    private final Vertx vertx;
    private final CommandService commands;
    private final CommandStore store;
    private final DeviceRegistry registry;
    private final Responses responses;

    private final LogBundles logBundles;
    private final AuditLog audit;

    public CommandRoutes(Vertx vertx, CommandService commands, CommandStore store, DeviceRegistry registry,
                         LogBundles logBundles, AuditLog audit, Responses responses) {
        this.logBundles = logBundles;
        this.audit = audit;
        this.vertx = vertx;
        this.commands = commands;
        this.store = store;
        this.registry = registry;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        var support = security.requireRole(Role.SUPPORT, Role.ADMIN);
        router.post("/api/devices/:id/commands").handler(support).handler(this::issue);
        router.get("/api/devices/:id/commands").handler(support).handler(ctx -> deviceId(ctx).ifPresent(id ->
                vertx.executeBlocking(() -> store.ofDevice(id.value(), RECENT))
                        .onSuccess(l -> responses.json(ctx, 200, l)).onFailure(ctx::fail)));
        router.get("/api/commands/:id").handler(support).handler(this::one);
        router.get("/api/devices/:id/log-bundles").handler(support).handler(ctx -> deviceId(ctx).ifPresent(id ->
                vertx.executeBlocking(() -> logBundles.ofDevice(id.value()))
                        .onSuccess(l -> responses.json(ctx, 200, l)).onFailure(ctx::fail)));
        router.get("/api/log-bundles/:id").handler(support).handler(this::download);
    }

    private void issue(RoutingContext ctx) {
        Optional<DeviceId> device = deviceId(ctx);
        if (device.isEmpty()) {
            return;
        }
        CommandRequest request = responses.body(ctx, CommandRequest.class);
        if (request == null) {
            return;
        }
        Optional<String> problem = request.problem();
        if (problem.isEmpty() && request.commandType() == CommandType.SET_CONFIG) {
            try {
                CommandService.settingsFrom(request.params());
            } catch (IllegalArgumentException e) {
                problem = Optional.of(e.getMessage());
            }
        }
        if (problem.isPresent()) {
            responses.error(ctx, 400, problem.get());
            return;
        }
        String who = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> registry.find(device.get()).map(d -> commands.issue(device.get(), request, who)))
                .onSuccess(c -> {
                    if (c.isEmpty()) {
                        responses.error(ctx, 404, "no device " + device.get());
                    } else {
                        ctx.response().putHeader("Location", "/api/commands/" + c.get().id());
                        responses.json(ctx, 201, c.get());
                    }
                }).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        Optional<UUID> found = PathIds.uuid(ctx, responses, "a command id");
        if (found.isEmpty()) {
            return;
        }
        UUID id = found.get();
        vertx.executeBlocking(() -> store.find(id)).onSuccess(c -> {
            if (c.isEmpty()) {
                responses.error(ctx, 404, "no command " + id);
            } else {
                responses.json(ctx, 200, c.get());
            }
        }).onFailure(ctx::fail);
    }

    /** The zip itself, as a download; who fetched which device's diagnostics is audited. */
    private void download(RoutingContext ctx) {
        Optional<UUID> found = PathIds.uuid(ctx, responses, "a log bundle id");
        if (found.isEmpty()) {
            return;
        }
        UUID id = found.get();
        String who = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> logBundles.find(id).map(s -> {
            audit.record(who, "log-bundle.download", s.bundle().deviceId(), Map.of("bundle", s.bundle().id()));
            return s;
        })).onSuccess(s -> {
            if (s.isEmpty()) {
                responses.error(ctx, 404, "no log bundle " + id);
                return;
            }
            String name = "bostotte-" + s.get().bundle().deviceId() + "-" + s.get().bundle().receivedAt().toString()
                    .replace(":", "").substring(0, 15) + ".zip";
            ctx.response().putHeader("Content-Type", "application/zip")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .sendFile(s.get().file().toString());
        }).onFailure(ctx::fail);
    }

    private Optional<DeviceId> deviceId(RoutingContext ctx) {
        return PathIds.device(ctx, responses);
    }
}
