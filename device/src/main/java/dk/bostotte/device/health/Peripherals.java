package dk.bostotte.device.health;

import dk.bostotte.device.SystemRoot;
import java.util.regex.Pattern;

/**
 * Whether the kiosk's camera, microphone, speaker and screen are there, as the kernel sees them. A
 * video call needs all four, so IT support wants to know before the citizen does.
 */
public final class Peripherals {

    private static final Pattern CARD = Pattern.compile("card\\d+");
    private static final Pattern CAPTURE = Pattern.compile("pcm\\d+c");
    private static final Pattern PLAYBACK = Pattern.compile("pcm\\d+p");

    private final SystemRoot root;

    public Peripherals(SystemRoot root) {
        this.root = root;
    }

    public boolean camera() {
        return root.list("/dev").stream().anyMatch(n -> n.startsWith("video"));
    }

    public boolean microphone() {
        return anyPcm(CAPTURE);
    }

    public boolean speaker() {
        return anyPcm(PLAYBACK);
    }

    /** Any DRM connector reporting exactly "connected" ("disconnected" contains that word too). */
    public boolean screen() {
        return root.list("/sys/class/drm").stream()
                .anyMatch(c -> root.read("/sys/class/drm/" + c + "/status").filter("connected"::equals).isPresent());
    }

    /** ALSA lists each card's PCM devices as /proc/asound/cardN/pcmXc (capture) or pcmXp (playback). */
    private boolean anyPcm(Pattern kind) {
        // Only cardN: /proc/asound also holds symlinks named after the card, which would count twice.
        return root.list("/proc/asound").stream().filter(c -> CARD.matcher(c).matches())
                .flatMap(c -> root.list("/proc/asound/" + c).stream())
                .anyMatch(p -> kind.matcher(p).matches());
    }
}
