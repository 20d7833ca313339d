package dk.bostotte.systemtests.bench;

import java.util.List;

/**
 * A virtual X display (Xvfb) the size of the official 7" panel, for benchmarks that run the kiosk
 * with its screen as a real window. Absent when Xvfb is not installed.
 */
final class VirtualDisplay implements AutoCloseable {

    private final Process xvfb;
    private final String display;

    private VirtualDisplay(Process xvfb, String display) {
        this.xvfb = xvfb;
        this.display = display;
    }

    /** Starts Xvfb on {@code display} (":97"); null if it cannot run here. */
    static VirtualDisplay start(String display) {
        try {
            Process p = new ProcessBuilder("Xvfb", display, "-screen", "0", "800x480x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(1000);
            return p.isAlive() ? new VirtualDisplay(p, display) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** What a device process is started behind to draw on this display. */
    List<String> prefix() {
        return List.of("env", "DISPLAY=" + display);
    }

    @Override
    public void close() {
        xvfb.destroy();
    }
}
