package dk.bostotte.device.ui;

import dk.bostotte.device.call.CallController;
import dk.bostotte.device.ui.KioskView.Screen;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ties the kiosk's screen to the rest of the device: touches go to the call controller on the
 * agent thread, every model change is drawn, the ring tone follows the incoming screen, the reminder
 * chimes once per visit, and the screen light follows night hours and wakes on activity.
 */
public final class KioskUi implements KioskActions {

    /** Seconds before an auto-answer that the beeps warn of the camera. */
    static final int CAMERA_WARNING_S = 3;
    private static final Set<Screen> ACTIVE = EnumSet.of(Screen.INCOMING, Screen.OUTGOING, Screen.CONNECTING, Screen.IN_CALL);

    private final KioskModel model;
    private final CallController calls;
    private final Executor agentThread;
    private KioskDisplay display;
    private ScreenLight light;
    private RingTone ring;
    private Screen last;
    private String chimedFor;
    private boolean cameraWarned;
    /** When a touch began on a dimmed screen (System.nanoTime), 0 for none: it wakes it, and presses nothing. */
    private volatile long wakingTouchAt;
    /** A press ends well within this; a later action is another touch's. */
    private static final long TOUCH_NANOS = TimeUnit.MILLISECONDS.toNanos(KioskScreens.LONG_PRESS_MS + 2000);

    public KioskUi(KioskModel model, CallController calls, Executor agentThread) {
        this.model = model;
        this.calls = calls;
        this.agentThread = agentThread;
    }

    /** Starts drawing on {@code display}, ticking once a second on {@code timer}. */
    public void start(KioskDisplay onScreen, ScreenLight screenLight, RingTone tone, ScheduledExecutorService timer) {
        this.display = onScreen;
        this.light = screenLight;
        this.ring = tone;
        model.onChange(this::changed);
        changed(model.view());
        timer.scheduleAtFixedRate(model::tick, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void changed(KioskView v) {
        boolean active = ACTIVE.contains(v.screen());
        if (v.screen() != last) {
            if (v.screen() == Screen.INCOMING) {
                cameraWarned = false;
                ring.startRinging(volume());
            } else if (last == Screen.INCOMING) {
                ring.stopRinging();
            }
            if (active) {
                light.wake();
            }
            last = v.screen();
        }
        // Heard as well as seen: the camera is about to go live by itself.
        if (v.screen() == Screen.INCOMING && v.autoAnswerInS() != null && v.autoAnswerInS() <= CAMERA_WARNING_S && !cameraWarned) {
            cameraWarned = true;
            ring.cameraWarning(volume());
        }
        if (v.screen() == Screen.IDLE && v.visitSoon() && !v.nextVisit().id().equals(chimedFor)) {
            chimedFor = v.nextVisit().id();
            light.wake();
            ring.chime(volume());
        }
        // The light sets the backlight, or darkens the picture through its overlay where there is none;
        // darkening the picture here as well dimmed a backlit panel twice (10 % of a 10 % backlight).
        light.apply(light.target(model.settings(), v.night(), active));
        display.show(v);
    }

    private int volume() {
        Integer v = model.settings().volumePercent();
        return v == null ? 80 : v;
    }

    /** The physical button, or a call: the screen wakes. */
    public void woken() {
        light.wake();
        model.tick();
    }

    /**
     * A finger comes down anywhere on the screen (before the button under it acts). On a dimmed
     * screen the touch only wakes it: the citizen cannot see what is under the finger at night, and
     * a touch meant to light the screen must not call the support worker.
     */
    public void touched() {
        wakingTouchAt = light.dimmed(model.settings()) ? System.nanoTime() : 0;
        woken();
    }

    /** False, once, for the action of a touch that began on a dimmed screen. */
    private boolean acts() {
        long at = wakingTouchAt;
        wakingTouchAt = 0;
        return at == 0 || System.nanoTime() - at > TOUCH_NANOS;
    }

    // ------------------------------------------------------------------ KioskActions

    @Override
    public void callWorker() {
        if (acts()) {
            agentThread.execute(calls::callSupportWorker);
        }
    }

    @Override
    public void answer() {
        if (acts()) {
            agentThread.execute(calls::answer);
        }
    }

    @Override
    public void decline() {
        if (acts()) {
            agentThread.execute(calls::decline);
        }
    }

    @Override
    public void hangUp() {
        if (acts()) {
            agentThread.execute(calls::hangUp);
        }
    }

    @Override
    public void mute(boolean on) {
        agentThread.execute(() -> calls.mute(on));
    }

    @Override
    public void cameraOff(boolean off) {
        agentThread.execute(() -> calls.cameraOff(off));
    }

    @Override
    public void longPress() {
        if (acts()) {
            model.longPress();
        }
    }

    @Override
    public void pinDigit(int digit) {
        model.pinDigit(digit);
    }

    @Override
    public void closeService() {
        model.closeServiceScreen();
    }
}
