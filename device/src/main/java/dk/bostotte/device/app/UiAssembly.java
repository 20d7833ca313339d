package dk.bostotte.device.app;

import dk.bostotte.device.config.BundleException;
import dk.bostotte.device.config.ConfigBundle;
import dk.bostotte.device.config.LiveSettings;
import dk.bostotte.device.kiosk.GpioOptions;
import dk.bostotte.device.kiosk.Heartbeats;
import dk.bostotte.device.kiosk.KioskHardware;
import dk.bostotte.device.kiosk.SystemdWatchdog;
import dk.bostotte.device.platform.SystemRoot;
import dk.bostotte.device.support.RemoteSupport;
import dk.bostotte.device.ui.KioskActions;
import dk.bostotte.device.ui.KioskDisplay;
import dk.bostotte.device.ui.KioskModel;
import dk.bostotte.device.ui.KioskTheme;
import dk.bostotte.device.ui.KioskUi;
import dk.bostotte.device.ui.RingTone;
import dk.bostotte.device.ui.ScreenLight;
import dk.bostotte.device.ui.ServiceFigures;
import dk.bostotte.device.ui.UiOptions;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.KioskInfo;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's face: the screens' model (always: the lock and the fleet's kiosk info keep it current),
 * with a screen its window or off-screen display, and the answer button and status light.
 */
public final class UiAssembly {

    private static final Logger log = LoggerFactory.getLogger(UiAssembly.class);

    private final KioskModel model;
    private final KioskUi kioskUi;
    private final boolean screen;

    public UiAssembly(DeviceId id, String version, UiOptions options, FleetAssembly fleet, DeviceAgent agent,
                      CallAssembly calls, Heartbeats heartbeats, ScheduledExecutorService timer) {
        LiveSettings settings = fleet.settings();
        model = new KioskModel(Clock.systemDefaultZone(), id.value(), () -> ServiceFigures.rows(id.value(), version,
                agent.isConnected(), agent.lastSample(), agent.samplesWaiting(), calls.controller().phase().name(),
                settings.current()));
        model.settings(settings.current());
        settings.onChange((old, now) -> model.settings(now));
        agent.onLinkChange(up -> {
            if (up) {
                model.linkUp();
            } else {
                model.linkDown();
            }
        });
        agent.onKioskInfo(info -> {
            logKioskInfo(id, info);
            model.kioskInfo(info);
        });
        kioskUi = new KioskUi(model, calls.controller(), fleet.agentThread());
        screen = options.screen();
        if (screen) {
            KioskDisplay display = options.ui() == UiOptions.Ui.WINDOW
                    ? KioskDisplay.window(theme(options), kioskUi, kioskUi::touched, options.snapshots())
                    : KioskDisplay.offscreen(theme(options), kioskUi, options.snapshots());
            calls.showOn(model, display);
            heartbeats.watch("screen", EventQueue::invokeLater, timer, Duration.ofSeconds(5));
            kioskUi.start(display, new ScreenLight(SystemRoot.real(), Clock.systemDefaultZone(), display::dimTo),
                    new RingTone(options.ui() == UiOptions.Ui.WINDOW), timer);
            log.info("kiosk screen: {}{}", options.ui().name().toLowerCase(Locale.ROOT),
                    options.snapshots().map(d -> ", snapshots in " + d).orElse(""));
        }
    }

    /** What the screens show; IT support's lock shows on it too. */
    public KioskModel model() {
        return model;
    }

    /**
     * The answer button and status light on the Pi's GPIO (pins: the command line's, the bundle's, the
     * default wiring), if there is any; a kiosk without them still makes calls from the screen.
     */
    public void startButtonAndLight(GpioOptions options, boolean simulate, ConfigBundle bundle, CallAssembly calls,
                                    FleetAssembly fleet, ScheduledExecutorService timer) {
        try {
            KioskHardware.context(options.gpio(), simulate).ifPresentOrElse(pi4j -> KioskHardware.start(pi4j,
                    options.buttonPin(bundle.buttonPin()), options.ledPin(bundle.ledPin()), calls.controller(),
                    fleet.link()::isConnected, fleet.agentThread(), timer, screen ? kioskUi::woken : () -> { }),
                    () -> log.info("no GPIO: answer button and status light not in use"));
        } catch (RuntimeException e) {
            log.warn("answer button and status light not available: {}", e.toString());
        }
    }

    /**
     * The "not set up" screen, until a usable bundle appears (IT support enrols the kiosk again);
     * then exit 75 so that the supervisor starts the app afresh with it.
     */
    public static int showNotSetUp(UiOptions options, Path bundleDir, ScheduledExecutorService timer)
            throws InterruptedException {
        KioskModel model = new KioskModel(Clock.systemDefaultZone(), "–", List::of);
        model.notSetUp();
        KioskDisplay display = options.ui() == UiOptions.Ui.WINDOW
                ? KioskDisplay.window(theme(options), KioskActions.NONE, () -> { }, options.snapshots())
                : KioskDisplay.offscreen(theme(options), KioskActions.NONE, options.snapshots());
        display.show(model.view());
        SystemdWatchdog.start(timer, () -> true);
        log.warn("no usable config bundle in {}: showing 'not set up' until IT support enrols this kiosk", bundleDir);
        while (true) {
            Thread.sleep(10_000);
            try {
                ConfigBundle.load(bundleDir);
                log.info("a config bundle appeared in {}: restarting with it", bundleDir);
                return RemoteSupport.EXIT_RESTART;
            } catch (BundleException stillMissing) {
                // keep showing the screen
            }
        }
    }

    /** The screen at the size the app gets (off-screen: the first Pi display's), its density as given or as that size implies. */
    private static KioskTheme theme(UiOptions options) {
        Dimension size = options.ui() == UiOptions.Ui.WINDOW ? KioskDisplay.windowSize() : new Dimension(800, 480);
        KioskTheme theme = KioskTheme.forScreen(size.width, size.height, options.screenPxPerMm(), options.textScale());
        log.info("kiosk screen {}x{} at {} px/mm ({}): touch targets {} px", theme.width(), theme.height(), theme.pxPerMm(),
                options.screenPxPerMm() != null ? "--screen-px-per-mm" : "from its size", theme.minTouchPx());
        return theme;
    }

    private static void logKioskInfo(DeviceId id, KioskInfo info) {
        log.info("device {} kiosk info: worker {}, line {}, {} visit(s) booked{}", id, info.workerName(),
                info.line() == null ? "unknown" : info.line().wire(), info.appointments() == null ? 0 : info.appointments().size(),
                info.appointments() == null || info.appointments().isEmpty() ? ""
                        : ", next at " + info.appointments().get(0).start());
    }
}
