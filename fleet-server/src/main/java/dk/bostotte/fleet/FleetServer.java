package dk.bostotte.fleet;

import dk.bostotte.pki.FleetCa;
import dk.bostotte.fleet.accounts.AccountService;
import dk.bostotte.fleet.accounts.DemoAccounts;
import dk.bostotte.fleet.accounts.PasswordHasher;
import dk.bostotte.fleet.alerts.AlertService;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.broker.auth.AccessPolicy;
import dk.bostotte.fleet.citizens.CitizenRegistry;
import dk.bostotte.fleet.config.FleetConfig;
import dk.bostotte.fleet.console.DeviceLiveRoutes;
import dk.bostotte.fleet.db.Database;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.devices.DeviceRoutes;
import dk.bostotte.fleet.devices.FleetList;
import dk.bostotte.fleet.ingest.TelemetryRetention;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.netq.VerdictSnapshot;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.protocol.codec.MessageCodec;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One fleet server: database, broker, ingest and HTTP, wired by hand, started and stopped in order. */
public final class FleetServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetServer.class);

    private final FleetConfig config;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private Database database;
    private FleetMetrics metrics;
    private DeviceRegistry registry;
    private AlertService alerts;
    private VerdictSnapshot verdictSnapshot;
    private FleetBroker broker;
    private int httpPort;

    private FleetServer(FleetConfig config) {
        this.config = config;
    }

    public static FleetServer start(FleetConfig config) throws Exception {
        FleetServer server = new FleetServer(config);
        try {
            server.startAll();
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        ListenPorts.requireFree(ListenPorts.of(config));
        Files.createDirectories(config.dataDir());
        ServerPki pki = ServerPki.read(config.pkiDir());
        database = Database.open(config.database(), config.dataDir());
        toClose.push(database);
        DSLContext dsl = database.dsl();
        PresenceService.markAllOffline(dsl);
        MessageCodec codec = new MessageCodec();
        metrics = new FleetMetrics();
        IngestFeature ingest = IngestFeature.start(config.ingest(), config.dataDir(), dsl, codec, metrics, toClose);
        PresenceService presence = ingest.presence();
        registry = new DeviceRegistry(dsl);
        AuditLog audit = new AuditLog(dsl, codec.mapper());
        AccountService accounts = new AccountService(dsl, new PasswordHasher()).loadDisabled();
        if (config.demo().accounts()) {
            DemoAccounts.create(accounts, config.demo().password());
        }
        AccessPolicy access = new AccessPolicy(pki.fleetCa(), registry, Clock.systemUTC());

        broker = BrokerFeature.create(config.mqtt(), config.dataDir(), pki, access);
        toClose.push(broker);
        CitizenRegistry citizens = new CitizenRegistry(dsl);
        CallFeature calls = CallFeature.start(config.calls(), dsl, broker, codec, presence, citizens, accounts, audit,
                metrics, toClose);
        CommandFeature commands = CommandFeature.start(config.commands(), config.dataDir(), dsl, broker, presence, registry,
                codec, audit, toClose);
        // Started only now: calls and commands publish through the broker, and it routes devices' messages to them.
        BrokerFeature.start(broker, ingest, calls.service(), commands.service(), metrics, codec);
        toClose.push(new TelemetryRetention(dsl, config.ingest().telemetryRetentionDays()));

        Web web = Web.start(config.console(), broker, database, metrics, accounts, audit, codec.mapper(), toClose);
        NetqFeature netq = NetqFeature.start(config.netq(), config.mqtt(), web, dsl, presence, access, pki,
                commands.logBundles(), metrics, toClose);
        verdictSnapshot = netq.snapshot();
        new DeviceRoutes(web.vertx(), registry, broker, audit, web.responses(), netq.verdicts(), new FleetList(dsl))
                .mount(web.router(), web.security());
        CitizenFeature.start(config.kiosk(), config.time(), web, dsl, broker, codec, citizens, presence, netq.verdicts(),
                registry, audit, toClose);
        ManagementRoutes.mount(web, dsl, config.report(), config.time(), accounts, audit);
        AlertFeature alertFeature = AlertFeature.start(config.alerts(), web, dsl, netq.verdicts(), audit, metrics, toClose);
        alerts = alertFeature.service();
        commands.mountRoutes(web, registry, audit);
        new DeviceLiveRoutes(web.vertx(), registry, commands.store(), alertFeature.store(), web.responses())
                .mount(web.router(), web.security());
        calls.mountRoutes(web, metrics);
        httpPort = web.listen(config.http(), toClose);
        log.info("fleet server ready (data in {})", config.dataDir());
    }

    public int httpPort() {
        return httpPort;
    }

    public FleetConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public FleetMetrics metrics() {
        return metrics;
    }

    public VerdictSnapshot verdictSnapshot() {
        return verdictSnapshot;
    }

    public AlertService alerts() {
        return alerts;
    }

    public DeviceRegistry registry() {
        return registry;
    }

    public FleetBroker broker() {
        return broker;
    }

    /** Stops HTTP first, then the broker (no new messages), then drains the writer, then the database. */
    @Override
    public void close() {
        while (!toClose.isEmpty()) {
            AutoCloseable c = toClose.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
    }

}
