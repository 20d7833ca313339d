package dk.bostotte.fleet;

import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.citizens.CitizenRegistry;
import dk.bostotte.fleet.citizens.CitizenRoutes;
import dk.bostotte.fleet.config.KioskConfig;
import dk.bostotte.fleet.config.TimeConfig;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.kiosk.KioskInfoPublisher;
import dk.bostotte.fleet.loans.LoanRoutes;
import dk.bostotte.fleet.loans.LoanService;
import dk.bostotte.fleet.netq.ConnectionVerdicts;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.fleet.visits.Appointments;
import dk.bostotte.fleet.visits.Contacts;
import dk.bostotte.fleet.visits.VisitRoutes;
import dk.bostotte.protocol.codec.MessageCodec;
import java.time.Clock;
import java.util.Deque;
import org.jooq.DSLContext;

/** Citizens, the devices lent to them, their visits and what their kiosks show. */
final class CitizenFeature {

    private CitizenFeature() {
    }

    static void start(KioskConfig kiosk, TimeConfig time, Web web, DSLContext dsl, FleetBroker broker, MessageCodec codec,
                      CitizenRegistry citizens, PresenceService presence, ConnectionVerdicts verdicts,
                      DeviceRegistry registry, AuditLog audit, Deque<AutoCloseable> toClose) {
        Clock clock = Clock.systemUTC();
        LoanService loans = new LoanService(dsl, audit, registry, clock, time.zone());
        KioskInfoPublisher kioskInfo = new KioskInfoPublisher(dsl, broker, codec, clock)
                .start(kiosk.refreshEvery());
        toClose.push(kioskInfo);
        new CitizenRoutes(web.vertx(), citizens, presence, verdicts, audit, web.responses(), loans, kioskInfo::citizenChanged)
                .mount(web.router(), web.security());
        new LoanRoutes(web.vertx(), loans, web.responses()).mount(web.router(), web.security());
        new VisitRoutes(web.vertx(), new Appointments(dsl, audit, kioskInfo::citizenChanged), new Contacts(dsl, audit, time.zone()),
                audit, web.responses(), clock).mount(web.router(), web.security());
    }
}
