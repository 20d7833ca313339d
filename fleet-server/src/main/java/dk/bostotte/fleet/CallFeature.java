package dk.bostotte.fleet;

import dk.bostotte.fleet.accounts.AccountService;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.calls.CallRoutes;
import dk.bostotte.fleet.calls.CallService;
import dk.bostotte.fleet.calls.CallStore;
import dk.bostotte.fleet.citizens.CitizenRegistry;
import dk.bostotte.fleet.config.CallConfig;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.protocol.codec.MessageCodec;
import java.time.Clock;
import java.util.Deque;
import org.jooq.DSLContext;

/** Calls between the console and devices: the service (before the broker starts) and, later, its routes. */
record CallFeature(CallService service, CallStore store) {

    static CallFeature start(CallConfig config, DSLContext dsl, FleetBroker broker, MessageCodec codec,
                             PresenceService presence, CitizenRegistry citizens, AccountService accounts, AuditLog audit,
                             FleetMetrics metrics, Deque<AutoCloseable> toClose) {
        CallStore store = new CallStore(dsl, codec.mapper());
        CallService calls = new CallService(config, broker, codec, presence, citizens, accounts, store, audit, metrics,
                Clock.systemUTC());
        toClose.push(calls);
        return new CallFeature(calls, store);
    }

    void mountRoutes(Web web, FleetMetrics metrics) {
        new CallRoutes(web.vertx(), service, store, web.responses(), metrics).mount(web.router(), web.security());
    }
}
