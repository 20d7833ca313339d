package dk.bostotte.device.ui;

/** What the citizen's touches ask for. Implementations hand each to the thread that owns it. */
public interface KioskActions {

    /** For a screen with nothing to press (not set up). */
    KioskActions NONE = new KioskActions() {
        public void callWorker() { }
        public void answer() { }
        public void decline() { }
        public void hangUp() { }
        public void mute(boolean on) { }
        public void cameraOff(boolean off) { }
        public void longPress() { }
        public void pinDigit(int digit) { }
        public void closeService() { }
    };

    void callWorker();

    void answer();

    void decline();

    void hangUp();

    void mute(boolean on);

    void cameraOff(boolean off);

    /** A long press on the clock: the hidden service screen. */
    void longPress();

    void pinDigit(int digit);

    void closeService();
}
