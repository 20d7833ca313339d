package dk.bostotte.device.health;

import dk.bostotte.device.platform.SystemRoot;
import java.util.List;
import java.util.Locale;
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

    /**
     * A video4linux capture device that is not one of the SoC's own codec or ISP nodes: a Pi always
     * has /dev/video10-31 for its hardware codec and ISP, camera or not. Named in
     * {@code /sys/class/video4linux/videoN/name}; a node without a name counts, as on a plain PC.
     */
    public boolean camera() {
        return root.list("/sys/class/video4linux").stream().filter(n -> n.startsWith("video"))
                .map(n -> root.read("/sys/class/video4linux/" + n + "/name").orElse("").toLowerCase(Locale.ROOT))
                .anyMatch(name -> SOC_NODES.stream().noneMatch(name::contains));
    }

    /** Names of the Raspberry Pi's (and similar SoCs') codec and ISP video nodes. */
    static final List<String> SOC_NODES = List.of("codec", "bcm2835-isp", "rpivid", "pispbe", "hevc",
            "hantro");

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
