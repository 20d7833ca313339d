package dk.bostotte.device.ui;

import dk.bostotte.device.call.CallController;
import dk.bostotte.device.call.MediaProfile;
import dk.bostotte.device.ui.KioskView.Ending;
import dk.bostotte.device.ui.KioskView.LineWords;
import dk.bostotte.device.ui.KioskView.Screen;
import dk.bostotte.device.ui.KioskView.ServiceRow;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.KioskInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the kiosk shows, decided in one place: call events, the fleet link, the lock, the fleet's
 * kiosk info and settings come in; a {@link KioskView} goes out to every listener after each
 * change. No Swing here, so every transition is testable without a screen. Thread-safe: events
 * arrive from the agent thread, touches from the UI thread, and ticks from a timer.
 */
public final class KioskModel implements CallController.Display {

    /** How long "the call has ended" stays up before the idle screen returns. */
    static final Duration ENDED_SHOWN = Duration.ofSeconds(5);
    /** A reconnect shorter than this is not worth frightening anyone with. */
    static final Duration NO_CONNECTION_AFTER = Duration.ofSeconds(30);
    /** The service screen closes by itself, so a kiosk is never left on it. */
    static final Duration SERVICE_CLOSES_AFTER = Duration.ofMinutes(2);

    private final Clock clock;
    private final String deviceId;
    private final Supplier<List<ServiceRow>> serviceFigures;
    private final List<Consumer<KioskView>> listeners = new CopyOnWriteArrayList<>();

    private CallController.Phase phase = CallController.Phase.IDLE;
    private String other;
    private Instant ringingAt;
    private Integer autoAnswerS;
    private Instant connectedAt;
    private boolean muted;
    private boolean cameraOff;
    private boolean audioOnly;
    private Ending ending;
    private Duration endedLength;
    private Instant endedAt;
    private String missedFrom;
    private Instant missedAt;

    private boolean linkUp;
    private final Instant startedAt;
    private Instant linkDownSince;
    private Optional<String> lock = Optional.empty();
    private KioskInfo info;
    private DeviceSettings settings = new DeviceSettings(null, null, "da");

    private boolean notSetUp;
    private boolean serviceOpen;
    private boolean servicePinOk;
    private final StringBuilder pin = new StringBuilder();
    private boolean pinWrong;
    private Instant serviceOpenedAt;

    public KioskModel(Clock clock, String deviceId, Supplier<List<ServiceRow>> serviceFigures) {
        this.clock = clock;
        this.deviceId = deviceId;
        this.serviceFigures = serviceFigures;
        this.startedAt = clock.instant();
    }

    public void onChange(Consumer<KioskView> listener) {
        listeners.add(listener);
    }

    // ------------------------------------------------------------------ calls (CallController.Display)

    @Override
    public void ringing(String caller, Integer autoAnswerInS) {
        change(() -> {
            phase = CallController.Phase.RINGING;
            other = caller;
            ringingAt = clock.instant();
            autoAnswerS = autoAnswerInS;
            ending = null;
            closeService();
        });
    }

    @Override
    public void calling() {
        change(() -> {
            phase = CallController.Phase.CALLING;
            other = null;
            ending = null;
            missedFrom = null;
        });
    }

    @Override
    public void connecting(String caller) {
        change(() -> {
            phase = CallController.Phase.CONNECTING;
            other = caller;
        });
    }

    @Override
    public void inCall(String caller) {
        change(() -> {
            phase = CallController.Phase.IN_CALL;
            other = caller;
            connectedAt = clock.instant();
            muted = false;
            cameraOff = false;
            audioOnly = false;
            missedFrom = null;
        });
    }

    @Override
    public void ended(String reason) {
        change(() -> {
            CallController.Phase was = phase;
            Instant now = clock.instant();
            if (was == CallController.Phase.IN_CALL) {
                ending = Ending.ENDED;
                endedLength = Duration.between(connectedAt, now);
            } else if (was == CallController.Phase.CALLING) {
                ending = Ending.NOT_ANSWERED;
            } else if (was == CallController.Phase.CONNECTING) {
                ending = Ending.FAILED;
            } else if (was == CallController.Phase.RINGING && !"declined".equals(reason)) {
                // Rang out, or the worker gave up: the idle screen says who tried, not an error.
                missedFrom = other;
                missedAt = now;
                ending = null;
            } else {
                ending = null;
            }
            endedAt = now;
            phase = CallController.Phase.IDLE;
            other = null;
            connectedAt = null;
            autoAnswerS = null;
        });
    }

    @Override
    public void profileChanged(MediaProfile profile) {
        change(() -> audioOnly = !profile.hasVideo());
    }

    @Override
    public void controls(boolean nowMuted, boolean nowCameraOff) {
        change(() -> {
            muted = nowMuted;
            cameraOff = nowCameraOff;
        });
    }

    // ------------------------------------------------------------------ the device's situation

    public void linkUp() {
        change(() -> {
            linkUp = true;
            linkDownSince = null;
        });
    }

    public void linkDown() {
        change(() -> {
            if (linkUp || linkDownSince == null) {
                linkDownSince = clock.instant();
            }
            linkUp = false;
        });
    }

    public void locked(Optional<String> message) {
        change(() -> {
            lock = message;
            if (message.isPresent()) {
                closeService();
            }
        });
    }

    /** This kiosk has no config bundle: it can do nothing but say so. */
    public void notSetUp() {
        change(() -> notSetUp = true);
    }

    public void kioskInfo(KioskInfo latest) {
        change(() -> info = latest);
    }

    public void settings(DeviceSettings applied) {
        change(() -> settings = applied);
    }

    public DeviceSettings settings() {
        synchronized (this) {
            return settings;
        }
    }

    /** The once-a-second heartbeat: clock, countdowns and time-outs move on. */
    public void tick() {
        change(() -> {
            if (serviceOpen && Duration.between(serviceOpenedAt, clock.instant()).compareTo(SERVICE_CLOSES_AFTER) > 0) {
                closeService();
            }
        });
    }

    // ------------------------------------------------------------------ the hidden service screen

    /** A long press on the clock: the PIN pad, or straight in when the fleet set no PIN. */
    public void longPress() {
        change(() -> {
            if (phase != CallController.Phase.IDLE || lock.isPresent()) {
                return;
            }
            serviceOpen = true;
            servicePinOk = settings.servicePin() == null;
            serviceOpenedAt = clock.instant();
            pin.setLength(0);
            pinWrong = false;
        });
    }

    public void pinDigit(int digit) {
        change(() -> {
            if (!serviceOpen || servicePinOk || digit < 0 || digit > 9) {
                return;
            }
            pinWrong = false;
            pin.append(digit);
            String expected = settings.servicePin();
            if (pin.length() >= expected.length()) {
                servicePinOk = pin.toString().equals(expected);
                pinWrong = !servicePinOk;
                pin.setLength(0);
            }
        });
    }

    public void closeServiceScreen() {
        change(this::closeService);
    }

    private void closeService() {
        serviceOpen = false;
        servicePinOk = false;
        pin.setLength(0);
        pinWrong = false;
    }

    // ------------------------------------------------------------------ the view

    public KioskView view() {
        synchronized (this) {
            return compute();
        }
    }

    private KioskView compute() {
        Instant now = clock.instant();
        Screen screen = screen(now);
        KioskInfo.Appointment next = nextVisit(now);
        boolean soon = next != null && info.reminderMinutes() != null && info.reminderMinutes() > 0
                && !now.isBefore(next.start().minus(Duration.ofMinutes(info.reminderMinutes())));
        Integer countdown = null;
        if (phase == CallController.Phase.RINGING && autoAnswerS != null) {
            long left = autoAnswerS - Duration.between(ringingAt, now).toSeconds();
            countdown = (int) Math.max(0, left);
        }
        return new KioskView(screen, now, clock.getZone(), locale(), deviceId, lineWords(), info == null ? null : info.workerName(),
                next, soon, missedFrom, missedAt, other, countdown, ending, endedLength, muted, cameraOff, audioOnly,
                lock.orElse(null), settings.supportContact(), pin.length(), pinWrong,
                screen == Screen.SERVICE ? serviceFigures.get() : List.of(), isNight(now));
    }

    private Screen screen(Instant now) {
        if (notSetUp) {
            return Screen.NOT_SET_UP;
        }
        switch (phase) {
            case RINGING:
                return Screen.INCOMING;
            case CALLING:
                return Screen.OUTGOING;
            case CONNECTING:
                return Screen.CONNECTING;
            case IN_CALL:
                return Screen.IN_CALL;
            default:
                break;
        }
        if (lock.isPresent()) {
            return Screen.LOCKED;
        }
        if (ending != null && endedAt != null && Duration.between(endedAt, now).compareTo(ENDED_SHOWN) < 0) {
            return Screen.ENDED;
        }
        if (serviceOpen) {
            return servicePinOk ? Screen.SERVICE : Screen.SERVICE_PIN;
        }
        Instant downSince = linkUp ? null : linkDownSince != null ? linkDownSince : startedAt;
        if (downSince != null && Duration.between(downSince, now).compareTo(NO_CONNECTION_AFTER) >= 0) {
            return Screen.NO_CONNECTION;
        }
        return Screen.IDLE;
    }

    private LineWords lineWords() {
        if (!linkUp) {
            return linkDownSince == null ? LineWords.CONNECTING : LineWords.NONE;
        }
        KioskInfo.Line l = info == null || info.line() == null ? KioskInfo.Line.UNKNOWN : info.line();
        return switch (l) {
            case VIDEO_HD, VIDEO -> LineWords.GOOD;
            case AUDIO_ONLY -> LineWords.AUDIO_ONLY;
            case INSUFFICIENT -> LineWords.WEAK;
            case UNKNOWN -> LineWords.CONNECTED;
        };
    }

    /** The first booked visit that has not ended yet. */
    private KioskInfo.Appointment nextVisit(Instant now) {
        if (info == null || info.appointments() == null) {
            return null;
        }
        return info.appointments().stream()
                .filter(a -> a.start().plus(Duration.ofMinutes(a.minutes() == null ? 30 : a.minutes())).isAfter(now))
                .min(Comparator.comparing(KioskInfo.Appointment::start)).orElse(null);
    }

    Locale locale() {
        return Texts.localeOf(settings.language());
    }

    /** Between the fleet's night start and end, wall-clock time here; a night may run over midnight. */
    boolean isNight(Instant now) {
        if (settings.nightStart() == null || settings.nightEnd() == null) {
            return false;
        }
        LocalTime t = now.atZone(clock.getZone()).toLocalTime();
        LocalTime start = LocalTime.parse(settings.nightStart());
        LocalTime end = LocalTime.parse(settings.nightEnd());
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    private void change(Runnable mutation) {
        KioskView view;
        synchronized (this) {
            mutation.run();
            view = compute();
        }
        listeners.forEach(l -> l.accept(view));
    }
}
