package dk.bostotte.fleet;

import dk.bostotte.fleet.broker.auth.AccessPolicy;
import dk.bostotte.fleet.commands.LogBundles;
import dk.bostotte.fleet.config.MqttConfig;
import dk.bostotte.fleet.config.NetqConfig;
import dk.bostotte.fleet.metrics.FleetMetrics;
import dk.bostotte.fleet.netq.ConnectionVerdicts;
import dk.bostotte.fleet.netq.CoverageReport;
import dk.bostotte.fleet.netq.CoverageRoutes;
import dk.bostotte.fleet.deviceapi.DeviceApiServer;
import dk.bostotte.fleet.netq.UdpEchoResponder;
import dk.bostotte.fleet.netq.VerdictSnapshot;
import dk.bostotte.fleet.presence.PresenceService;
import java.time.Clock;
import java.util.Deque;
import org.jooq.DSLContext;

/** Line quality: the devices' probe endpoints (UDP echo, device API), the verdicts, their snapshots and the coverage map. */
record NetqFeature(ConnectionVerdicts verdicts, VerdictSnapshot snapshot) {

    static NetqFeature start(NetqConfig config, MqttConfig mqtt, Web web, DSLContext dsl, PresenceService presence,
                             AccessPolicy access, ServerPki pki, LogBundles logBundles, FleetMetrics metrics,
                             Deque<AutoCloseable> toClose) {
        // UDP echo for the devices' latency probes, at the broker's port number (UDP and TCP ports are apart).
        UdpEchoResponder echo = new UdpEchoResponder(web.vertx(), presence, metrics, config.echoPacketsPer10s());
        echo.start(mqtt.host(), mqtt.port());
        toClose.push(echo);
        DeviceApiServer deviceApi = new DeviceApiServer(web.vertx(), access, metrics, logBundles);
        deviceApi.start(mqtt.host(), config.deviceApiPort(), pki.keystore(), pki.keystorePassword(), pki.caCert());
        toClose.push(deviceApi);
        ConnectionVerdicts verdicts = new ConnectionVerdicts(dsl, config.verdicts(), Clock.systemUTC());
        VerdictSnapshot snapshot = new VerdictSnapshot(dsl, verdicts, Clock.systemUTC()).start(config.verdictSnapshotEvery());
        toClose.push(snapshot);
        new CoverageRoutes(web.vertx(), new CoverageReport(dsl, verdicts), web.responses()).mount(web.router(), web.security());
        return new NetqFeature(verdicts, snapshot);
    }
}
