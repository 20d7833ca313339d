package dk.bostotte.fleet;

import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.commands.CommandRoutes;
import dk.bostotte.fleet.commands.CommandService;
import dk.bostotte.fleet.commands.CommandStore;
import dk.bostotte.fleet.commands.LogBundles;
import dk.bostotte.fleet.config.CommandConfig;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.protocol.codec.MessageCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Deque;
import org.jooq.DSLContext;

/** Remote commands and the log bundles they fetch: the service (before the broker starts) and, later, its routes. */
record CommandFeature(CommandService service, CommandStore store, LogBundles logBundles) {

    static CommandFeature start(CommandConfig config, Path dataDir, DSLContext dsl, FleetBroker broker,
                                PresenceService presence, DeviceRegistry registry, MessageCodec codec, AuditLog audit,
                                Deque<AutoCloseable> toClose) throws Exception {
        CommandStore store = new CommandStore(dsl, codec.mapper());
        CommandService commands = new CommandService(store, broker, presence, registry, codec, audit, Clock.systemUTC())
                .start(config.sweepEvery());
        toClose.push(commands);
        return new CommandFeature(commands, store, new LogBundles(dsl, dataDir.resolve("log-bundles")));
    }

    void mountRoutes(Web web, DeviceRegistry registry, AuditLog audit) {
        new CommandRoutes(web.vertx(), service, store, registry, logBundles, audit, web.responses())
                .mount(web.router(), web.security());
    }
}
