package dk.bostotte.device.app;

import dk.bostotte.protocol.message.AnswerPolicy;
import dk.bostotte.device.call.CallController;
import dk.bostotte.device.call.CallOptions;
import dk.bostotte.device.call.EncoderSpeed;
import dk.bostotte.device.call.GstCallMedia;
import dk.bostotte.device.call.LoggingCallDisplay;
import dk.bostotte.device.call.MediaPlan;
import dk.bostotte.device.call.MediaProfile;
import dk.bostotte.device.call.SimulatedButtons;
import dk.bostotte.device.call.VideoScreen;
import dk.bostotte.device.config.LiveSettings;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call feature: the media this machine can do (and, measured later, how large its software VP8
 * holds), and the call state machine on the agent thread, signalling over the fleet link.
 */
public final class CallAssembly {

    private static final Logger log = LoggerFactory.getLogger(CallAssembly.class);

    private final MediaPlan plan;
    private final CallController calls;
    /** What each new call uses: the probed plan, its ceiling lowered once the encoder speed is measured. */
    private volatile MediaPlan callPlan;
    /** Where call video is drawn; set by {@link #showOn}, as the screen is built after the calls. */
    private volatile Optional<VideoScreen> video = Optional.empty();

    public CallAssembly(DeviceId id, CallOptions options, boolean simulate, boolean screen, FleetAssembly fleet) {
        plan = MediaPlan.probe(simulate, GstCallMedia::elementExists);
        log.info("device {} call media: {} video, {} camera, up to {}", id, plan.codec(), plan.videoSource(), plan.ceiling());
        callPlan = screen ? plan.onScreen() : plan;
        if (plan.codec() == MediaPlan.VideoCodec.VP8 && !simulate) {
            measureEncoderSpeedLater();
        }
        LiveSettings settings = fleet.settings();
        calls = new CallController(fleet.codec(), fleet.clock(), fleet.agentThread(),
                signal -> fleet.link().publish(Channel.CALL_DEVICE, signal),
                () -> new GstCallMedia(callPlan, options.iceLocalAddress(), video, settings.current().volumePercent()),
                new LoggingCallDisplay(id), options.simulatedAnswer());
        calls.autoAnswerOnlyWhile(() -> settings.current().answerPolicy() == AnswerPolicy.AUTO_ANSWER);
        calls.speakerFrom(() -> settings.current().volumePercent());
        settings.onChange((old, now) -> fleet.agentThread().execute(() -> calls.speakerVolume(now.volumePercent())));
        if (simulate) {
            SimulatedButtons.readFrom(System.in, calls, fleet.agentThread());
        }
    }

    public CallController controller() {
        return calls;
    }

    /** The media plan as probed at start (for diagnostics). */
    public MediaPlan plan() {
        return plan;
    }

    /** Whether a call rings, is set up or is on (then the throughput test waits). */
    public boolean busy() {
        return calls.phase() != CallController.Phase.IDLE;
    }

    /** The kiosk screen shows the calls and draws their video; it is built after them because its buttons drive them. */
    public void showOn(CallController.Display screen, VideoScreen videoScreen) {
        calls.alsoShowOn(screen);
        video = Optional.of(videoScreen);
    }

    /** In the background once the kiosk has settled: what software VP8 size this CPU holds in a call. */
    private void measureEncoderSpeedLater() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(15_000);
                MediaProfile held = EncoderSpeed.largestHeld(EncoderSpeed::vp8Fps);
                callPlan = callPlan.withCeiling(held);
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
