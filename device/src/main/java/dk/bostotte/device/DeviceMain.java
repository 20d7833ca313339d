package dk.bostotte.device;

import dk.bostotte.device.call.CallController;
import dk.bostotte.device.call.GstCallMedia;
import dk.bostotte.device.call.LoggingCallDisplay;
import dk.bostotte.device.call.MediaPlan;
import dk.bostotte.device.call.MediaProfile;
import dk.bostotte.device.call.SimulatedButtons;
import dk.bostotte.device.ui.KioskActions;
import dk.bostotte.device.ui.KioskDisplay;
import dk.bostotte.device.ui.KioskModel;
import dk.bostotte.device.ui.KioskTheme;
import dk.bostotte.device.ui.KioskUi;
import dk.bostotte.device.ui.RingTone;
import dk.bostotte.device.ui.ScreenLight;
import dk.bostotte.device.ui.ServiceFigures;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.device.config.AgentOptions;
import dk.bostotte.device.netq.DataBudget;
import dk.bostotte.device.netq.ThroughputProbe;
import dk.bostotte.device.netq.UdpLatencyProbe;
import dk.bostotte.protocol.Channel;
import dk.bostotte.device.config.BundleException;
import dk.bostotte.device.config.BundleTls;
import dk.bostotte.device.config.ConfigBundle;
import dk.bostotte.device.config.DesiredConfigApplier;
import dk.bostotte.device.config.LiveSettings;
import dk.bostotte.device.fleet.Backoff;
import dk.bostotte.device.fleet.FleetLink;
import dk.bostotte.device.fleet.LinkConfig;
import dk.bostotte.device.fleet.TelemetryQueue;
import dk.bostotte.device.health.CpuThermal;
import dk.bostotte.device.health.SimulatedStatus;
import dk.bostotte.device.health.StatusSource;
import dk.bostotte.device.health.SystemStatus;
import dk.bostotte.device.netq.LinkTypeDetector;
import dk.bostotte.device.netq.NetworkSampler;
import dk.bostotte.device.netq.ProbingSampler;
import dk.bostotte.device.netq.RadioReader;
import dk.bostotte.device.kiosk.KioskHardware;
import dk.bostotte.device.kiosk.SystemdWatchdog;
import dk.bostotte.device.support.DiagnosticsBundle;
import dk.bostotte.device.support.LockState;
import dk.bostotte.device.support.LogRing;
import dk.bostotte.device.support.RemoteSupport;
import dk.bostotte.device.netq.RttProbe;
import dk.bostotte.device.netq.SimulatedSampler;
import dk.bostotte.device.platform.SystemRoot;
import dk.bostotte.device.platform.SystemTools;
import dk.bostotte.protocol.codec.MessageCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The kiosk's headless device agent: parses options, wires the parts by hand, runs until SIGTERM. */
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

    @Option(names = "--bundle", required = true, paramLabel = "DIR",
            description = "Config bundle from the provisioning CLI (device.properties, device.p12, ca.crt).")
    Path bundleDir;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Local state: telemetry queue, sequence counter, last applied config. Default: <bundle>/state.")
    Path dataDir;

    @Option(names = "--simulate", description = "Report synthetic status and network readings instead of probing this machine.")
    boolean simulate;

    @Option(names = "--status-interval-s", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds between status reports while connected, until the fleet sets it. Default: ${DEFAULT-VALUE}.")
    int statusIntervalS;

    @Option(names = "--telemetry-interval-s", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between network samples, until the fleet sets it. Default: ${DEFAULT-VALUE}.")
    int telemetryIntervalS;

    @Option(names = "--keepalive-s", paramLabel = "SECONDS", defaultValue = "30",
            description = "MQTT keep-alive in seconds. Default: ${DEFAULT-VALUE}.")
    int keepAliveS;

    @Option(names = "--answer-after-s", paramLabel = "SECONDS", defaultValue = "3",
            description = "With --simulate: answer calls by itself after this many seconds (decimals allowed); 0 never (default: ${DEFAULT-VALUE}).")
    double answerAfterS;

    @Option(names = "--ice-local-address", paramLabel = "IP",
            description = "Also offer this local address for call media (e.g. 127.0.0.1, which WebRTC leaves out by default).")
    String iceLocalAddress;

    @Option(names = "--latency-every-s", paramLabel = "SECONDS", defaultValue = "300",
            description = "Seconds between UDP latency trains (about 8 kB each; default: ${DEFAULT-VALUE}).")
    int latencyEveryS;

    @Option(names = "--latency-packets", paramLabel = "N", defaultValue = "20",
            description = "Packets in one latency train (200 bytes each, 20 ms apart; default: ${DEFAULT-VALUE}).")
    int latencyPackets;

    @Option(names = "--throughput-every-s", paramLabel = "SECONDS", defaultValue = "28800",
            description = "About how often to test throughput, at random moments, never during a call (default: ${DEFAULT-VALUE}: three times a day).")
    int throughputEveryS;

    @Option(names = "--gpio", paramLabel = "auto|mock|off", defaultValue = "auto",
            description = "Answer button and status light: the Pi's GPIO if present (auto; none when --simulate), Pi4J's mock platform, or off (default: ${DEFAULT-VALUE}).")
    String gpio;

    @Option(names = "--button-pin", paramLabel = "BCM",
            description = "GPIO (BCM number) of the answer button, to ground (default: the bundle's gpio.button.pin, else 17).")
    Integer buttonPin;

    @Option(names = "--led-pin", paramLabel = "BCM",
            description = "GPIO (BCM number) of the status light (default: the bundle's gpio.led.pin, else 27).")
    Integer ledPin;

    /** The wiring of hardware-notes/wiring.md, for a bundle that does not say otherwise. */
    static final int DEFAULT_BUTTON_PIN = 17;
    static final int DEFAULT_LED_PIN = 27;

    /** A pin given on the command line wins; then the bundle's; then the default wiring. */
    static int pin(Integer flag, java.util.Optional<Integer> bundle, int wired) {
        return flag != null ? flag : bundle.orElse(wired);
    }

    @Option(names = "--ui", paramLabel = "auto|window|offscreen|off", defaultValue = "auto",
            description = "The kiosk screen: a full-screen window (auto: when a display is present and not --simulate), "
                    + "off-screen (with --ui-snapshots: each screen saved as a PNG), or none (default: ${DEFAULT-VALUE}).")
    String ui;

    @Option(names = "--ui-snapshots", paramLabel = "DIR", description = "Save each new kiosk screen as a numbered PNG here.")
    Path uiSnapshots;

    @Option(names = "--screen-px-per-mm", paramLabel = "PX",
            description = "Pixel density of the touch screen, for 15 mm touch targets (default: from the screen's size: 8.3 "
                    + "for 720x1280 either way up, the 7\" Touch Display 2; 5.6 for 800x480, the first 7\" Pi display; "
                    + "else the display's own dpi if believable, else 5.6).")
    Double screenPxPerMm;

    @Option(names = "--text-scale", paramLabel = "FACTOR", defaultValue = "1.0",
            description = "Makes all kiosk text larger (e.g. 1.3) for citizens who see poorly (default: ${DEFAULT-VALUE}).")
    double textScale;

    @Option(names = "--throughput-fixed", hidden = true,
            description = "Benchmarks only: run each throughput direction for the full 10 s instead of stopping once stable.")
    boolean throughputFixed;

    @Option(names = "--measurement-budget-kb", paramLabel = "KB", defaultValue = "10000",
            description = "Bytes per day the network measurements may use, in kB (default: ${DEFAULT-VALUE}, for a metered 4G SIM).")
    int measurementBudgetKb;

    @Option(names = "--queue-capacity", paramLabel = "SAMPLES", defaultValue = "50000",
            description = "Most telemetry samples kept while offline; the oldest go first. Default: ${DEFAULT-VALUE}.")
    int queueCapacity;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PAHO.setLevel(java.util.logging.Level.WARNING);
        ConfigBundle bundle;
        AgentOptions options = null;
        SSLSocketFactory tls;
        TelemetryQueue queue;
        try {
            atLeast("--status-interval-s", statusIntervalS, 1);
            atLeast("--telemetry-interval-s", telemetryIntervalS, 1);
            atLeast("--keepalive-s", keepAliveS, 1);
            atLeast("--queue-capacity", queueCapacity, 1);
            atLeast("--latency-every-s", latencyEveryS, 1);
            atLeast("--throughput-every-s", throughputEveryS, 1);
            atLeast("--latency-packets", latencyPackets, 2);
            atLeast("--measurement-budget-kb", measurementBudgetKb, 0);
            options = new AgentOptions(bundleDir, dataDir != null ? dataDir : bundleDir.resolve("state"), simulate,
                    Duration.ofSeconds(statusIntervalS), Duration.ofSeconds(telemetryIntervalS),
                    Duration.ofSeconds(keepAliveS), queueCapacity,
                    simulate && answerAfterS > 0 ? Optional.of(Duration.ofMillis(Math.round(answerAfterS * 1000)))
                            : Optional.empty(),
                    Optional.ofNullable(iceLocalAddress).filter(a -> !a.isBlank()),
                    Duration.ofSeconds(latencyEveryS), measurementBudgetKb * 1000L, Duration.ofSeconds(throughputEveryS),
                    latencyPackets, throughputFixed, parseGpio(gpio), buttonPin, ledPin,
                    parseUi(ui, simulate), Optional.ofNullable(uiSnapshots), screenPxPerMm, textScale);
            if (screenPxPerMm != null && (screenPxPerMm < 1 || screenPxPerMm > 40)) {
                throw new IllegalArgumentException("--screen-px-per-mm must be between 1 and 40, not " + screenPxPerMm);
            }
            if (textScale < 0.5 || textScale > 3) {
                throw new IllegalArgumentException("--text-scale must be between 0.5 and 3, not " + textScale);
            }
            bundle = ConfigBundle.load(options.bundleDir());
            tls = BundleTls.socketFactory(bundle);
            queue = TelemetryQueue.open(options.dataDir(), options.queueCapacity(), System::currentTimeMillis);
        } catch (BundleException e) {
            System.err.println("bostotte-device: " + e.getMessage());
            // A kiosk with a screen but no bundle (never enrolled, or wiped) says so, instead of a black screen.
            return options != null && options.ui() != AgentOptions.Ui.OFF ? showNotSetUp(options) : 2;
        } catch (IllegalArgumentException | java.io.IOException e) {
            // A citizen may be looking at this console: one line, no stack trace.
            System.err.println("bostotte-device: " + e.getMessage());
            return 2;
        }
        DeviceAgent agent = wire(bundle, options, tls, queue);
        agent.start();
        SystemdWatchdog.start(HEARTBEAT_TIMER, () -> HEARTBEATS.healthy(java.time.Duration.ofSeconds(30)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            // A JVM ended by SIGTERM exits 143; a stop we handled completely is a normal exit.
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    private static DeviceAgent wire(ConfigBundle bundle, AgentOptions options, SSLSocketFactory tls, TelemetryQueue queue)
            throws Exception {
        Clock clock = Clock.systemUTC();
        String version = appVersion();
        MessageCodec codec = new MessageCodec();
        ScheduledExecutorService agentThread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "agent"));
        LinkConfig linkConfig = new LinkConfig(bundle.deviceId(), bundle.mqttUri(), tls,
                options.keepAlive(), version, bundle.model());
        FleetLink link = new FleetLink(linkConfig, clock, Backoff.standard(), agentThread, codec);

        LiveSettings settings = new LiveSettings((int) options.statusInterval().toSeconds(),
                (int) options.telemetryInterval().toSeconds(), "da");
        DesiredConfigApplier configApplier = new DesiredConfigApplier(options.dataDir(), settings);

        Random random = new Random();
        SystemRoot root = SystemRoot.real();
        java.util.concurrent.atomic.AtomicReference<CallController> callsRef = new java.util.concurrent.atomic.AtomicReference<>();
        NetworkSampler sampler = options.simulate() ? new SimulatedSampler(random)
                : new ProbingSampler(new LinkTypeDetector(root), new RadioReader(root, SystemTools.real()),
                        new RttProbe(bundle.serverHost(), bundle.httpPort(), Duration.ofSeconds(5)),
                        // The echo responder listens on UDP at the broker's port number.
                        new UdpLatencyProbe(bundle.deviceId(), bundle.serverHost(), bundle.mqttPort(), options.latencyPackets(),
                                Duration.ofMillis(20), 200, Duration.ofSeconds(1)),
                        new DataBudget(options.measurementBytesPerDay(), clock), options.latencyEvery())
                        .withThroughput(new ThroughputProbe(BundleTls.sslContext(bundle), bundle.serverHost(),
                                bundle.devicePort(), Duration.ofSeconds(10), options.throughputFixed()), options.throughputEvery(),
                                () -> callsRef.get() != null && callsRef.get().phase() != CallController.Phase.IDLE);
        StatusSource status = options.simulate() ? new SimulatedStatus(clock, version, random)
                : new SystemStatus(clock, version, options.dataDir(), root,
                        new CpuThermal(root, CpuThermal.findOnPath("vcgencmd", System.getenv("PATH"))));

        log.info("device {} ({} {}) starting, version {}, data in {}{}", bundle.deviceId(), bundle.model(),
                bundle.serial(), version, options.dataDir(), options.simulate() ? ", simulated readings" : "");
        MediaPlan plan = MediaPlan.probe(options.simulate(), GstCallMedia::elementExists);
        log.info("device {} call media: {} video, {} camera, up to {}", bundle.deviceId(), plan.codec(),
                plan.videoSource(), plan.ceiling());
        boolean screen = options.ui() != AgentOptions.Ui.OFF;
        java.util.concurrent.atomic.AtomicReference<DeviceAgent> agentRef = new java.util.concurrent.atomic.AtomicReference<>();
        KioskModel kiosk = new KioskModel(Clock.systemDefaultZone(), bundle.deviceId().value(), () -> {
            DeviceAgent a = agentRef.get();
            return ServiceFigures.rows(bundle.deviceId().value(), version, a != null && a.isConnected(),
                    a == null ? Optional.empty() : a.lastSample(), a == null ? 0 : a.samplesWaiting(),
                    callsRef.get() == null ? "idle" : callsRef.get().phase().name(), settings.current());
        });
        java.util.concurrent.atomic.AtomicReference<KioskDisplay> displayRef = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<MediaPlan> callPlan =
                new java.util.concurrent.atomic.AtomicReference<>(screen ? plan.onScreen() : plan);
        if (plan.codec() == MediaPlan.VideoCodec.VP8 && !options.simulate()) {
            measureEncoderSpeedLater(callPlan);
        }
        CallController.Display callDisplay = new LoggingCallDisplay(bundle.deviceId());
        CallController calls = new CallController(codec, clock, agentThread,
                signal -> link.publish(Channel.CALL_DEVICE, signal),
                () -> new GstCallMedia(callPlan.get(), options.iceLocalAddress(), Optional.ofNullable(displayRef.get()),
                        settings.current().volumePercent()),
                screen ? callDisplay.andThen(kiosk) : callDisplay, options.simulatedAnswer());
        callsRef.set(calls);
        calls.autoAnswerOnlyWhile(() -> DeviceSettings.AUTO_ANSWER.equals(settings.current().answerPolicy()));
        calls.speakerFrom(() -> settings.current().volumePercent());
        if (options.simulate()) {
            SimulatedButtons.readFrom(System.in, calls, agentThread);
        }
        DeviceAgent agent = new DeviceAgent(clock, settings, queue, sampler, status, link, configApplier, codec, agentThread,
                calls);
        agentRef.set(agent);
        kiosk.settings(settings.current());
        settings.onChange((old, now) -> {
            kiosk.settings(now);
            agentThread.execute(() -> calls.speakerVolume(now.volumePercent()));
        });
        agent.onLinkChange(up -> {
            if (up) {
                kiosk.linkUp();
            } else {
                kiosk.linkDown();
            }
        });
        agent.onKioskInfo(info -> {
            log.info("device {} kiosk info: worker {}, line {}, {} visit(s) booked{}", bundle.deviceId(), info.workerName(),
                    info.line() == null ? "unknown" : info.line().wire(), info.appointments() == null ? 0 : info.appointments().size(),
                    info.appointments() == null || info.appointments().isEmpty() ? ""
                            : ", next at " + info.appointments().get(0).start());
            kiosk.kioskInfo(info);
        });
        KioskUi kioskUi = new KioskUi(kiosk, calls, agentThread);
        if (screen) {
            KioskTheme theme = theme(options);
            KioskDisplay display = options.ui() == AgentOptions.Ui.WINDOW
                    ? KioskDisplay.window(theme, kioskUi, kioskUi::touched, options.uiSnapshots())
                    : KioskDisplay.offscreen(theme, kioskUi, options.uiSnapshots());
            displayRef.set(display);
            HEARTBEATS.watch("screen", java.awt.EventQueue::invokeLater, HEARTBEAT_TIMER, java.time.Duration.ofSeconds(5));
            kioskUi.start(display, new ScreenLight(root, Clock.systemDefaultZone(), display::dimTo),
                    new RingTone(options.ui() == AgentOptions.Ui.WINDOW), HEARTBEAT_TIMER);
            log.info("kiosk screen: {}{}", options.ui().name().toLowerCase(java.util.Locale.ROOT),
                    options.uiSnapshots().map(d -> ", snapshots in " + d).orElse(""));
        }

        LockState lock = new LockState(options.dataDir());
        calls.refuseWhile(lock::isLocked);
        kiosk.locked(lock.isLocked() ? Optional.of(lock.message().orElse("")) : Optional.empty());
        lock.onChange(m -> {
            kiosk.locked(m);
            log.info("device {} {}", bundle.deviceId(), m.isPresent() ? "locked by IT support" : "unlocked by IT support");
            if (m.isPresent()) {
                agentThread.execute(calls::hangUp);
            }
        });
        if (lock.isLocked()) {
            log.info("device {} is locked by IT support: calls are refused", bundle.deviceId());
        }
        DiagnosticsBundle diagnostics = new DiagnosticsBundle(LOG_RING)
                .section("app", () -> Map.of("deviceId", bundle.deviceId().value(), "model", bundle.model(),
                        "serial", bundle.serial(), "version", version, "simulated", options.simulate(),
                        "java", System.getProperty("java.version"),
                        "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")))
                .section("settings", settings::current)
                .section("lock", () -> Map.of("locked", lock.isLocked(), "message", lock.message().orElse("")))
                .section("telemetryQueue", () -> Map.of("waiting", queue.size(), "droppedWhenFull", queue.dropped(),
                        "corruptSkipped", queue.corruptSkipped()))
                .section("lastSample", () -> queue.snapshot().stream().reduce((a, b) -> b).map(NetworkSampler::describe)
                        .orElse("none waiting to be sent"))
                .section("call", () -> calls.phase().toString())
                .section("media", plan::toString)
                .section("connectedToFleet", link::isConnected);
        ScheduledExecutorService supportThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "remote-support");
            t.setDaemon(true);
            return t;
        });
        new RemoteSupport(lock, diagnostics, SystemTools.real(), options.simulate(), supportThread, exitStatus -> {
            agent.stop();
            Runtime.getRuntime().halt(exitStatus);
        }, List.of(options.dataDir(), options.bundleDir()), BundleTls.sslContext(bundle), bundle.serverHost(),
                bundle.devicePort()).registerWith(agent.commands());
        // The agent thread (and the screen's, see above) proves it is alive every 5 s; the watchdog is fed only while they do.
        HEARTBEATS.watch("agent", agentThread, HEARTBEAT_TIMER, java.time.Duration.ofSeconds(5));
        try {
            KioskHardware.context(options.gpio(), options.simulate()).ifPresentOrElse(pi4j -> KioskHardware.start(pi4j,
                    pin(options.buttonPin(), bundle.buttonPin(), DEFAULT_BUTTON_PIN),
                    pin(options.ledPin(), bundle.ledPin(), DEFAULT_LED_PIN), calls, link::isConnected, agentThread, HEARTBEAT_TIMER,
                    screen ? kioskUi::woken : () -> { }),
                    () -> log.info("no GPIO: answer button and status light not in use"));
        } catch (RuntimeException e) {
            // A kiosk without its button still makes calls from the screen: say so, carry on.
            log.warn("answer button and status light not available: {}", e.toString());
        }
        return agent;
    }

    /**
     * The "not set up" screen, until a usable bundle appears (IT support enrols the kiosk again);
     * then exit 75 so that the supervisor starts the app afresh with it.
     */
    private static int showNotSetUp(AgentOptions options) throws InterruptedException {
        KioskModel model = new KioskModel(Clock.systemDefaultZone(), "–", List::of);
        model.notSetUp();
        KioskTheme theme = theme(options);
        KioskDisplay display = options.ui() == AgentOptions.Ui.WINDOW
                ? KioskDisplay.window(theme, KioskActions.NONE, () -> { }, options.uiSnapshots())
                : KioskDisplay.offscreen(theme, KioskActions.NONE, options.uiSnapshots());
        display.show(model.view());
        SystemdWatchdog.start(HEARTBEAT_TIMER, () -> true);
        log.warn("no usable config bundle in {}: showing 'not set up' until IT support enrols this kiosk", options.bundleDir());
        while (true) {
            Thread.sleep(10_000);
            try {
                ConfigBundle.load(options.bundleDir());
                log.info("a config bundle appeared in {}: restarting with it", options.bundleDir());
                return RemoteSupport.EXIT_RESTART;
            } catch (BundleException stillMissing) {
                // keep showing the screen
            }
        }
    }

    private static final dk.bostotte.device.kiosk.Heartbeats HEARTBEATS =
            new dk.bostotte.device.kiosk.Heartbeats(System::currentTimeMillis);
    private static final ScheduledExecutorService HEARTBEAT_TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiosk-timer");
        t.setDaemon(true);
        return t;
    });

    /** The recent log lines, for the diagnostics bundle IT support can collect. */
    private static final LogRing LOG_RING = LogRing.install(2000);

    /** The screen at the size the app gets (off-screen: the first Pi display's), its density as given or as that size implies. */
    private static KioskTheme theme(AgentOptions options) {
        java.awt.Dimension size = options.ui() == AgentOptions.Ui.WINDOW ? KioskDisplay.windowSize() : new java.awt.Dimension(800, 480);
        KioskTheme theme = KioskTheme.forScreen(size.width, size.height, options.screenPxPerMm(), options.textScale());
        log.info("kiosk screen {}x{} at {} px/mm ({}): touch targets {} px", theme.width(), theme.height(), theme.pxPerMm(),
                options.screenPxPerMm() != null ? "--screen-px-per-mm" : "from its size", theme.minTouchPx());
        return theme;
    }

    /** auto: a window when there is a display to put it on and this is a real kiosk, not a simulation. */
    static AgentOptions.Ui parseUi(String value, boolean simulate) {
        AgentOptions.Ui ui;
        try {
            ui = AgentOptions.Ui.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ui must be auto, window, offscreen or off, not '" + value + "'");
        }
        if (ui != AgentOptions.Ui.AUTO) {
            return ui;
        }
        boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        return display && !simulate && !java.awt.GraphicsEnvironment.isHeadless() ? AgentOptions.Ui.WINDOW : AgentOptions.Ui.OFF;
    }

    private static KioskHardware.Gpio parseGpio(String value) {
        try {
            return KioskHardware.Gpio.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--gpio must be auto, mock or off, not '" + value + "'");
        }
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", not " + value);
        }
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

    /** In the background once the kiosk has settled: what software VP8 size this CPU holds in a call. */
    private static void measureEncoderSpeedLater(java.util.concurrent.atomic.AtomicReference<MediaPlan> callPlan) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(15_000);
                MediaProfile held = dk.bostotte.device.call.EncoderSpeed.largestHeld(dk.bostotte.device.call.EncoderSpeed::vp8Fps);
                callPlan.updateAndGet(p -> p.withCeiling(held));
                log.info("call video up to {} (software VP8, measured)", held);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "encoder-speed");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
