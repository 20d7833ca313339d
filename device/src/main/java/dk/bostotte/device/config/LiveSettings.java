package dk.bostotte.device.config;

import dk.bostotte.protocol.message.AnswerPolicy;
import dk.bostotte.protocol.message.DeviceSettings;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The settings in force right now: intervals, language, volume, brightness and answer policy always
 * set; night hours, service PIN and support contact only once the fleet sets them. The fleet may change them at any
 * time; listeners are told so timers can be rescheduled without a restart.
 */
public final class LiveSettings {

    private volatile DeviceSettings current;
    /** What is in force before the fleet says anything: the kiosk defaults with the start-up intervals. */
    private final DeviceSettings base;
    private final List<BiConsumer<DeviceSettings, DeviceSettings>> listeners = new CopyOnWriteArrayList<>();

    /** Kiosk defaults until the fleet says otherwise: loud enough, full brightness, no night, PIN-less service screen. */
    static final DeviceSettings KIOSK_DEFAULTS = new DeviceSettings(null, null, null, 80, 100, null, null, 20,
            AnswerPolicy.AUTO_ANSWER, null, null);

    public LiveSettings(int statusIntervalS, int telemetryIntervalS, String language) {
        this.base = KIOSK_DEFAULTS.withChanges(new DeviceSettings(statusIntervalS, telemetryIntervalS,
                Objects.requireNonNull(language)));
        this.current = base;
    }

    public DeviceSettings current() {
        return current;
    }

    public int statusIntervalS() {
        return current.statusIntervalS();
    }

    public int telemetryIntervalS() {
        return current.telemetryIntervalS();
    }

    public String language() {
        return current.language();
    }

    /**
     * The settings that result from applying {@code desired}. The retained config is the whole of
     * what the fleet wants, so a setting it leaves out (null) is this device's default, not the
     * value it had: that is how the fleet clears night hours or a service PIN.
     */
    public DeviceSettings merge(DeviceSettings desired) {
        return base.withChanges(desired);
    }

    /** Replaces the settings with {@code merge(desired)} and tells listeners (old, new) if anything changed. */
    public DeviceSettings update(DeviceSettings desired) {
        DeviceSettings old;
        DeviceSettings next;
        synchronized (this) {
            old = current;
            next = merge(desired);
            current = next;
        }
        if (!next.equals(old)) {
            listeners.forEach(l -> l.accept(old, next));
        }
        return next;
    }

    public void onChange(BiConsumer<DeviceSettings, DeviceSettings> listener) {
        listeners.add(listener);
    }
}
