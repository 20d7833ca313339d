package dk.bostotte.fleet.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.alerts.AlertStore;
import dk.bostotte.fleet.commands.CommandStore;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.http.PathIds;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.protocol.DeviceId;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/devices/{id}/live}: the device page's live view as server-sent events. Every
 * {@value #EVERY_MS} ms the device, its recent commands and its open alerts are read; an event goes
 * out only when something changed, so a command's outcome or a lock appears without reloading.
 */
public final class DeviceLiveRoutes {

    static final long EVERY_MS = 1500;

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final CommandStore commands;
    private final AlertStore alerts;
    private final ObjectMapper json;
    private final Responses responses;

    public DeviceLiveRoutes(Vertx vertx, DeviceRegistry registry, CommandStore commands, AlertStore alerts,
                            Responses responses) {
        this.vertx = vertx;
        this.registry = registry;
        this.commands = commands;
        this.alerts = alerts;
        this.json = responses.mapper();
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        router.get("/api/devices/:id/live").handler(security.requireRole(Role.SUPPORT, Role.ADMIN)).handler(this::live);
    }

    private void live(RoutingContext ctx) {
        Optional<DeviceId> id = PathIds.device(ctx, responses);
        if (id.isEmpty()) {
            return;
        }
        HttpServerResponse res = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        String[] last = {""};
        Runnable push = () -> vertx.executeBlocking(() -> snapshot(id.get())).onSuccess(s -> {
            if (s == null) {
                res.write("event: gone\ndata: {}\n\n");
                res.end();
            } else if (!s.equals(last[0]) && !res.ended() && !res.closed()) {
                last[0] = s;
                res.write("data: " + s + "\n\n");
            }
        });
        push.run();
        long timer = vertx.setPeriodic(EVERY_MS, t -> push.run());
        res.closeHandler(v -> vertx.cancelTimer(timer));
        res.endHandler(v -> vertx.cancelTimer(timer));
    }

    /** The live view as JSON, or null if the device is not (or no longer) in the inventory. */
    private String snapshot(DeviceId id) throws Exception {
        var device = registry.find(id);
        if (device.isEmpty()) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("device", device.get());
        s.put("commands", commands.ofDevice(id.value(), 10));
        s.put("alerts", alerts.raised(Optional.of("open"), false, Optional.of(id.value()), 20));
        return json.writeValueAsString(s);
    }
}
