package dk.bostotte.device.ui;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import javax.sound.sampled.LineEvent;
import javax.sound.sampled.LineUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring tone and the reminder chime, made here rather than shipped as files: a soft two-note
 * ring, repeated, at the fleet's volume. A kiosk without a sound device rings silently (the
 * screen and the light still ring) and says so once in the log.
 */
public class RingTone {

    private static final Logger log = LoggerFactory.getLogger(RingTone.class);
    private static final float RATE = 16_000f;

    private final boolean enabled;
    private Clip ringing;
    private boolean warned;

    public RingTone(boolean enabled) {
        this.enabled = enabled;
    }

    public synchronized void startRinging(int volumePercent) {
        stopRinging();
        ringing = clip(ringPattern(volumePercent));
        if (ringing != null) {
            ringing.loop(Clip.LOOP_CONTINUOUSLY);
        }
    }

    public synchronized void stopRinging() {
        if (ringing != null) {
            ringing.stop();
            ringing.close();
            ringing = null;
        }
    }

    /** Three short rising notes: "your visit is soon". */
    public synchronized void chime(int volumePercent) {
        Clip c = clip(concat(tone(523, 0.18, volumePercent), tone(659, 0.18, volumePercent), tone(784, 0.3, volumePercent)));
        if (c != null) {
            c.addLineListener(e -> {
                if (e.getType() == LineEvent.Type.STOP) {
                    c.close();
                }
            });
            c.start();
        }
    }

    /** Three short high beeps, just before an auto-answered call turns the camera on. */
    public synchronized void cameraWarning(int volumePercent) {
        stopRinging();
        byte[] beep = tone(1046, 0.15, volumePercent);
        Clip c = clip(concat(beep, silence(0.15), beep, silence(0.15), beep));
        if (c != null) {
            c.start();
        }
    }

    /** Two notes, a pause, the two notes again, a longer pause: about 3 s per ring. */
    static byte[] ringPattern(int volumePercent) {
        return concat(tone(784, 0.35, volumePercent), tone(659, 0.35, volumePercent), silence(0.3),
                tone(784, 0.35, volumePercent), tone(659, 0.35, volumePercent), silence(1.4));
    }

    /** 16-bit little-endian mono samples of a sine with soft edges, so it does not click. */
    static byte[] tone(double hz, double seconds, int volumePercent) {
        int n = (int) (RATE * seconds);
        byte[] out = new byte[n * 2];
        double amplitude = 0.5 * Math.max(0, Math.min(100, volumePercent)) / 100.0 * Short.MAX_VALUE;
        int fade = (int) (RATE * 0.02);
        for (int i = 0; i < n; i++) {
            double envelope = Math.min(1.0, Math.min(i, n - 1 - i) / (double) fade);
            short s = (short) Math.round(amplitude * envelope * Math.sin(2 * Math.PI * hz * i / RATE));
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    static byte[] silence(double seconds) {
        return new byte[(int) (RATE * seconds) * 2];
    }

    static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private Clip clip(byte[] pcm) {
        if (!enabled) {
            return null;
        }
        try {
            Clip c = AudioSystem.getClip();
            c.open(new AudioFormat(RATE, 16, 1, true, false), pcm, 0, pcm.length);
            return c;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            if (!warned) {
                warned = true;
                log.warn("no sound device for the ring tone ({}); ringing on screen and light only", e.toString());
            }
            return null;
        }
    }
}
