package dk.bostotte.fleet;

import dk.bostotte.fleet.accounts.AccountService;
import dk.bostotte.fleet.accounts.PasswordHasher;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.alerts.AlertRoutes;
import dk.bostotte.fleet.alerts.AlertService;
import dk.bostotte.fleet.alerts.AlertWatch;
import dk.bostotte.fleet.alerts.DeviceHealthWatches;
import dk.bostotte.fleet.alerts.AlertStore;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.audit.AuditRoutes;
import dk.bostotte.fleet.accounts.UserRoutes;
import dk.bostotte.fleet.commands.CommandRoutes;
import dk.bostotte.fleet.commands.CommandService;
import dk.bostotte.fleet.commands.CommandStore;
import dk.bostotte.fleet.commands.LogBundles;
import dk.bostotte.fleet.kiosk.KioskInfoPublisher;
import dk.bostotte.fleet.report.OrgReport;
import dk.bostotte.fleet.report.ReportRoutes;
import dk.bostotte.fleet.visits.Appointments;
import dk.bostotte.fleet.visits.Contacts;
import dk.bostotte.fleet.visits.VisitRoutes;
import dk.bostotte.fleet.loans.LoanRoutes;
import dk.bostotte.fleet.loans.LoanService;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.fleet.broker.auth.AccessPolicy;
import dk.bostotte.fleet.broker.hivemq.EmbeddedHiveMqBroker;
import dk.bostotte.fleet.calls.CallRoutes;
import dk.bostotte.fleet.calls.CallService;
import dk.bostotte.fleet.calls.CallStore;
import dk.bostotte.fleet.citizens.CitizenRegistry;
import dk.bostotte.fleet.citizens.CitizenRoutes;
import dk.bostotte.fleet.config.FleetConfig;
import dk.bostotte.fleet.db.Database;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.devices.DeviceRoutes;
import dk.bostotte.fleet.http.ApiSecurity;
import dk.bostotte.fleet.http.ConsolePages;
import dk.bostotte.fleet.http.FleetHttpServer;
import dk.bostotte.fleet.http.HealthRoutes;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.fleet.ingest.BatchWriter;
import dk.bostotte.fleet.ingest.IngestJournal;
import dk.bostotte.fleet.ingest.DeviceMessageRouter;
import dk.bostotte.fleet.ingest.IngestService;
import dk.bostotte.fleet.ingest.TelemetryRetention;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.netq.ConnectionVerdicts;
import dk.bostotte.fleet.netq.VerdictDropWatch;
import dk.bostotte.fleet.netq.VerdictSnapshot;
import dk.bostotte.fleet.console.DeviceLiveRoutes;
import dk.bostotte.fleet.devices.FleetList;
import dk.bostotte.fleet.netq.CoverageReport;
import dk.bostotte.fleet.netq.CoverageRoutes;
import dk.bostotte.fleet.netq.DeviceApiServer;
import dk.bostotte.fleet.netq.UdpEchoResponder;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.provisioning.pki.Pem;
import dk.bostotte.provisioning.pki.ServerTls;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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
        Files.createDirectories(config.dataDir());
        Path caCert = config.pkiDir().resolve("ca.crt");
        Path keystore = config.pkiDir().resolve("server.p12");
        if (!Files.exists(caCert) || !Files.exists(keystore)) {
            throw new IllegalStateException("no fleet CA in " + config.pkiDir() + ": run './bostotte provision init-ca --pki "
                    + config.pkiDir() + "' first");
        }
        X509Certificate fleetCa = Pem.readCertificate(caCert);

        database = Database.open(config.database(), config.dataDir());
        toClose.push(database);
        PresenceService.markAllOffline(database.dsl());

        MessageCodec codec = new MessageCodec();
        metrics = new FleetMetrics();
        IngestJournal journal = new IngestJournal(config.dataDir().resolve("ingest-journal"), config.ingest().journalSyncMillis());
        toClose.push(journal);
        BatchWriter writer = new BatchWriter(database.dsl(), codec.mapper(), metrics, config.ingest().batchSize(),
                config.ingest().maxWait(), config.ingest().queueCapacity(), config.ingest().synchronousCommit(), journal::committed);
        toClose.push(writer);
        PresenceService presence = new PresenceService(writer);
        metrics.gauge("bostotte.devices.connected", "Devices connected to the broker now", presence::connectedDevices);
        registry = new DeviceRegistry(database.dsl());
        AuditLog audit = new AuditLog(database.dsl(), codec.mapper());
        AccountService accounts = new AccountService(database.dsl(), new PasswordHasher()).loadDisabled();
        if (config.demo().accounts()) {
            createDemoAccounts(accounts);
        }

        IngestService ingest = new IngestService(codec, journal, writer, metrics);
        ingest.replayJournal();
        broker = new EmbeddedHiveMqBroker(new EmbeddedHiveMqBroker.Settings(config.dataDir().resolve("broker"),
                config.mqtt().host(), config.mqtt().port(), keystore, ServerTls.readKeystorePassword(config.pkiDir()),
                fleetCa, config.mqtt().maxKeepAliveSeconds()),
                new AccessPolicy(fleetCa, registry, Clock.systemUTC()));
        toClose.push(broker);

        CitizenRegistry citizens = new CitizenRegistry(database.dsl());
        CallStore callStore = new CallStore(database.dsl(), codec.mapper());
        CallService calls = new CallService(config.calls(), broker, codec, presence, citizens, accounts, callStore, audit,
                metrics, Clock.systemUTC());
        toClose.push(calls);
        CommandStore commandStore = new CommandStore(database.dsl(), codec.mapper());
        CommandService commands = new CommandService(commandStore, broker, presence, registry, codec, audit,
                Clock.systemUTC()).start(config.commands().sweepEvery());
        toClose.push(commands);
        // Started only now: calls and commands publish through the broker, and it routes devices' messages to them.
        broker.start(new DeviceMessageRouter(ingest, metrics, codec, new DeviceMessageRouter.Receivers(calls::fromDevice,
                commands::resultStored, commands::configReported, presence::connected, presence::disconnected)));

        TelemetryRetention retention = new TelemetryRetention(database.dsl(), config.ingest().telemetryRetentionDays());
        toClose.push(retention);

        Vertx vertx = Vertx.vertx();
        toClose.push(() -> vertx.close().await());
        Responses responses = new Responses(codec.mapper());
        FleetHttpServer http = new FleetHttpServer(vertx, responses);
        ApiSecurity security = new ApiSecurity(vertx, accounts, responses, audit);
        http.protectApi(security);
        new HealthRoutes(vertx, broker, database, metrics, responses).mount(http.router(), security);
        new ConsolePages(vertx, accounts, security, audit, config.console().mapTilesUrl(), config.console().mapTilesOrigin()).mount(http.router());
        // UDP echo for the devices' latency probes, at the broker's port number (UDP and TCP ports are apart).
        UdpEchoResponder echo = new UdpEchoResponder(vertx, presence, metrics, config.netq().echoPacketsPer10s());
        echo.start(config.mqtt().host(), config.mqtt().port());
        toClose.push(echo);
        LogBundles logBundles = new LogBundles(database.dsl(), config.dataDir().resolve("log-bundles"));
        DeviceApiServer deviceApi = new DeviceApiServer(vertx, new AccessPolicy(fleetCa, registry, Clock.systemUTC()), metrics,
                logBundles);
        deviceApi.start(config.mqtt().host(), config.netq().deviceApiPort(), keystore, ServerTls.readKeystorePassword(config.pkiDir()),
                caCert);
        toClose.push(deviceApi);
        ConnectionVerdicts verdicts = new ConnectionVerdicts(database.dsl(), config.netq().verdicts(), Clock.systemUTC());
        new DeviceRoutes(vertx, registry, broker, audit, responses, verdicts, new FleetList(database.dsl()))
                .mount(http.router(), security);
        verdictSnapshot = new VerdictSnapshot(database.dsl(), verdicts, Clock.systemUTC()).start(config.netq().verdictSnapshotEvery());
        toClose.push(verdictSnapshot);
        LoanService loans = new LoanService(database.dsl(), audit, registry);
        KioskInfoPublisher kioskInfo = new KioskInfoPublisher(database.dsl(), broker, codec, Clock.systemUTC())
                .start(config.kiosk().refreshEvery());
        toClose.push(kioskInfo);
        new CitizenRoutes(vertx, citizens, presence, verdicts, audit, responses, loans, kioskInfo::citizenChanged)
                .mount(http.router(), security);
        new LoanRoutes(vertx, loans, responses).mount(http.router(), security);
        new VisitRoutes(vertx, new Appointments(database.dsl(), audit, kioskInfo::citizenChanged),
                new Contacts(database.dsl(), audit), citizens, audit, responses, kioskInfo::citizenChanged)
                .mount(http.router(), security);
        new ReportRoutes(vertx, new OrgReport(database.dsl(), config.report()), responses).mount(http.router(), security);
        new AuditRoutes(vertx, audit, responses).mount(http.router(), security);
        new UserRoutes(vertx, accounts, security, audit, responses).mount(http.router());
        new CoverageRoutes(vertx, new CoverageReport(database.dsl(), verdicts), responses).mount(http.router(), security);
        AlertStore alertStore = new AlertStore(database.dsl());
        List<AlertWatch> watches = new java.util.ArrayList<>(DeviceHealthWatches.all(database.dsl(), config.alerts()));
        watches.add(new VerdictDropWatch(verdicts, config.alerts().verdictRecent()));
        alerts = new AlertService(alertStore, watches,
                config.alerts().raiseAfter(), audit, metrics, Clock.systemUTC()).start(config.alerts().checkEvery());
        toClose.push(alerts);
        new AlertRoutes(vertx, alerts, alertStore, responses).mount(http.router(), security);
        new CommandRoutes(vertx, commands, commandStore, registry, logBundles, audit, responses).mount(http.router(), security);
        new DeviceLiveRoutes(vertx, registry, commandStore, alertStore, responses).mount(http.router(), security);
        new CallRoutes(vertx, calls, callStore, responses, metrics).mount(http.router(), security);
        httpPort = http.start(config.http().host(), config.http().port(), config.http().tlsKeystore(), config.http().tlsPassword());
        toClose.push(http::stop);
        log.info("fleet server ready (data in {})", config.dataDir());
    }

    private void createDemoAccounts(AccountService accounts) {
        if (config.demo().password().length() < 8) {
            throw new IllegalArgumentException("demo.password must have at least 8 characters");
        }
        char[] pw = config.demo().password().toCharArray();
        accounts.upsert("admin", "Administrator", Role.ADMIN, pw);
        accounts.upsert("support", "IT-support", Role.SUPPORT, pw);
        accounts.upsert("staff", "Bostøttemedarbejder", Role.STAFF, pw);
        accounts.upsert("manager", "Leder", Role.MANAGER, pw);
        accounts.setTeam("staff", "Team Nord");
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
