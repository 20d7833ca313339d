package dk.bostotte.device;

import dk.bostotte.device.app.CallAssembly;
import dk.bostotte.device.app.DeviceAgent;
import dk.bostotte.device.app.FleetAssembly;
import dk.bostotte.device.app.NetqAssembly;
import dk.bostotte.device.app.SupportAssembly;
import dk.bostotte.device.app.UiAssembly;
import dk.bostotte.device.config.BundleException;
import dk.bostotte.device.config.BundleTls;
import dk.bostotte.device.config.ConfigBundle;
import dk.bostotte.device.fleet.TelemetryQueue;
import dk.bostotte.device.kiosk.Heartbeats;
import dk.bostotte.device.kiosk.SystemdWatchdog;
import dk.bostotte.device.netq.NetworkSampler;
import dk.bostotte.device.support.LogRing;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The kiosk's headless device agent: parses options, wires the features by hand, runs until SIGTERM. */
@Command(name = "bostotte-device", mixinStandardHelpOptions = true, versionProvider = DeviceMain.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Connects this kiosk to the Bostøtte fleet server over MQTT with mutual TLS, reports "
                + "status and network telemetry, and answers commands and config pushed by the fleet.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C", "1:unexpected error",
            "2:invalid options, or a missing or unusable config bundle or data directory (with a screen: "
                    + "the 'not set up' screen stays up instead)",
            "75:restart me (IT support's restart-app, or a bundle appeared on a kiosk that was not set up)"})
public final class DeviceMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DeviceMain.class);
    /** Paho logs through java.util.logging; held here so the level setting is not garbage-collected. */
    private static final java.util.logging.Logger PAHO = java.util.logging.Logger.getLogger("org.eclipse.paho");
    /** The recent log lines, for the diagnostics bundle IT support can collect. */
    private static final LogRing LOG_RING = LogRing.install(2000);
    private static final Heartbeats HEARTBEATS = new Heartbeats(System::currentTimeMillis);
    private static final ScheduledExecutorService HEARTBEAT_TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiosk-timer");
        t.setDaemon(true);
        return t;
    });

    @Mixin
    DeviceOptions options;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceMain()).setParameterExceptionHandler(DeviceMain::invalidOption).execute(args));
    }

    /** A mistyped command line is one line naming the mistake, not the whole usage text. */
    private static int invalidOption(CommandLine.ParameterException e, String[] args) {
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        System.err.println(spec.qualifiedName() + ": " + e.getMessage() + " (see " + spec.qualifiedName() + " --help)");
        return spec.exitCodeOnInvalidInput();
    }

    @Override
    public Integer call() throws Exception {
        PAHO.setLevel(Level.WARNING);
        DeviceOptions.Valid o = null;
        ConfigBundle bundle;
        SSLSocketFactory tls;
        TelemetryQueue queue;
        try {
            o = options.validate();
            bundle = ConfigBundle.load(o.bundleDir());
            tls = BundleTls.socketFactory(bundle);
            queue = TelemetryQueue.open(o.dataDir(), o.fleet().queueCapacity(), System::currentTimeMillis);
        } catch (BundleException e) {
            System.err.println("bostotte-device: " + e.getMessage());
            // A kiosk with a screen but no bundle (never enrolled, or wiped) says so, instead of a black screen.
            return o != null && o.ui().screen() ? UiAssembly.showNotSetUp(o.ui(), o.bundleDir(), HEARTBEAT_TIMER) : 2;
        } catch (IllegalArgumentException | IOException e) {
            // A citizen may be looking at this console: one line, no stack trace.
            System.err.println("bostotte-device: " + e.getMessage());
            return 2;
        }
        DeviceAgent agent = wire(o, bundle, tls, queue);
        agent.start();
        SystemdWatchdog.start(HEARTBEAT_TIMER, () -> HEARTBEATS.healthy(Duration.ofSeconds(30)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            // A JVM ended by SIGTERM exits 143; a stop we handled completely is a normal exit.
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    /** Each feature in the order the others need it: the calls before the sampler that waits for them, the screen last. */
    private static DeviceAgent wire(DeviceOptions.Valid o, ConfigBundle bundle, SSLSocketFactory tls, TelemetryQueue queue)
            throws BundleException, MqttException {
        String version = appVersion();
        FleetAssembly fleet = new FleetAssembly(bundle, o.fleet(), tls, version, o.dataDir());
        log.info("device {} ({} {}) starting, version {}, data in {}{}", bundle.deviceId(), bundle.model(),
                bundle.serial(), version, o.dataDir(), o.simulate() ? ", simulated readings" : "");
        CallAssembly calls = new CallAssembly(bundle.deviceId(), o.call(), o.simulate(), o.ui().screen(), fleet);
        NetworkSampler sampler = NetqAssembly.sampler(bundle, o.netq(), o.simulate(), fleet.clock(), calls::busy);
        DeviceAgent agent = fleet.agent(queue, sampler, calls.controller(), o.simulate(), version, o.dataDir());
        UiAssembly ui = new UiAssembly(bundle.deviceId(), version, o.ui(), fleet, agent, calls, HEARTBEATS, HEARTBEAT_TIMER);
        SupportAssembly support = new SupportAssembly(bundle, version, o.dataDir(), o.simulate(), calls.controller(),
                fleet.agentThread(), ui.model()::locked);
        support.registerWith(agent, support.diagnostics(LOG_RING, fleet.settings(), queue, calls.plan(),
                fleet.link()::isConnected));
        // The agent thread (and the screen's) proves it is alive every 5 s; the watchdog is fed only while they do.
        HEARTBEATS.watch("agent", fleet.agentThread(), HEARTBEAT_TIMER, Duration.ofSeconds(5));
        ui.startButtonAndLight(o.gpio(), o.simulate(), bundle, calls, fleet, HEARTBEAT_TIMER);
        return agent;
    }

    static String appVersion() {
        return Optional.ofNullable(DeviceMain.class.getPackage().getImplementationVersion()).orElse("dev");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bostotte-device " + appVersion()};
        }
    }
}
