package dk.bostotte.device.call;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How large a picture this CPU can encode in software, measured once after start (in the
 * background, so the idle screen is not held up): a short burst of
 * test frames through the call's own VP8 encoder at each size. A call must hold 30 frames a second
 * while also decoding, sending and running the echo canceller, so a size is held only with
 * {@value #MARGIN}× headroom.
 */
public final class EncoderSpeed {

    private static final Logger log = LoggerFactory.getLogger(EncoderSpeed.class);

    static final double CALL_FPS = 30;
    static final double MARGIN = 2.0;
    private static final int FRAMES = 45;

    private EncoderSpeed() {
    }

    /** The largest of HD and SD whose encode rate has the margin, else LOW. */
    public static MediaProfile largestHeld(ToDoubleFunction<MediaProfile> encodeFps) {
        for (MediaProfile p : new MediaProfile[] {MediaProfile.HD, MediaProfile.SD}) {
            double fps = encodeFps.applyAsDouble(p);
            log.info("software VP8 encodes {}x{} at {} frames/s here", p.width, p.height, Math.round(fps));
            if (fps >= CALL_FPS * MARGIN) {
                return p;
            }
        }
        return MediaProfile.LOW;
    }

    /** Frames per second the call's VP8 settings encode at {@code profile}'s size; 0 when it cannot be measured. */
    public static double vp8Fps(MediaProfile profile) {
        GstCallMedia.initGStreamer();
        String description = "videotestsrc num-buffers=" + FRAMES + " " + MediaPlan.TEST_PICTURE + " ! video/x-raw,format=I420,width="
                + profile.width + ",height=" + profile.height + ",framerate=30/1 ! "
                + MediaPlan.vp8Encoder()
                + " ! fakesink sync=false";
        Pipeline pipeline = (Pipeline) Gst.parseLaunch(description);
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean failed = new AtomicBoolean();
        Bus.EOS eos = source -> done.countDown();
        Bus.ERROR error = (source, code, message) -> {
            log.warn("encoder speed not measured at {}: {}", profile, message);
            failed.set(true);
            done.countDown();
        };
        pipeline.getBus().connect(eos);
        pipeline.getBus().connect(error);
        try {
            long start = System.nanoTime();
            pipeline.setState(State.PLAYING);
            if (!done.await(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS) || failed.get()) {
                return 0;
            }
            return FRAMES / ((System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            pipeline.setState(State.NULL);
            pipeline.getBus().disconnect(eos);
            pipeline.getBus().disconnect(error);
            pipeline.dispose();
        }
    }
}
