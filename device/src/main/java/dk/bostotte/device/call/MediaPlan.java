package dk.bostotte.device.call;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Which GStreamer elements a call uses on this device, chosen by probing what is installed:
 * camera (libcamera, else V4L2, else a test picture when simulating), microphone (PulseAudio or
 * PipeWire through autoaudiosrc, else a test tone), and video encoder (the Pi 4's hardware H.264,
 * else VP8 in software). The description strings are what {@link GstCallMedia} launches.
 */
public record MediaPlan(String videoSource, String audioSource, String videoSink, String audioSink, VideoCodec codec,
                        MediaProfile ceiling, String h264Decoder, boolean selfView) {

    /**
     * Decoded pictures for the kiosk's own screen: latest frame only, never holding up the
     * pipeline, and no copy of the last one kept (the screen has it).
     */
    static final String SCREEN_SINK = "video/x-raw,format=BGRx ! appsink name=vsink emit-signals=true max-buffers=1 drop=true sync=false "
            + "enable-last-sample=false";
    /**
     * The citizen's own picture, small and at a low rate: it is a reassurance, not a second video.
     * Ten pictures a second instead of the camera's thirty: a third of the scaling, conversion and
     * copying into the screen (0.015 cores at thirty, bench call --screen).
     */
    static final String SELF_VIEW = "queue name=to-selfview max-size-buffers=1 leaky=downstream ! videorate drop-only=true max-rate=10 "
            + "! videoscale ! videoconvert ! video/x-raw,format=BGRx,width=240,height=180 "
            + "! appsink name=selfsink emit-signals=true max-buffers=1 drop=true sync=false enable-last-sample=false";

    /** The same plan drawing the other side's video, and the camera's own picture, on the kiosk screen. */
    public MediaPlan onScreen() {
        return new MediaPlan(videoSource, audioSource, SCREEN_SINK, audioSink, codec, ceiling, h264Decoder, true);
    }

    /** The same plan sending at most {@code largest}. */
    public MediaPlan withCeiling(MediaProfile largest) {
        return new MediaPlan(videoSource, audioSource, videoSink, audioSink, codec, largest, h264Decoder, selfView);
    }

    public enum VideoCodec {
        /** Hardware H.264 (Raspberry Pi 4); browsers decode constrained baseline. */
        H264_V4L2("v4l2h264enc name=venc extra-controls=\"controls,video_bitrate=800000\" ! video/x-h264,level=(string)4,profile=(string)constrained-baseline ! h264parse config-interval=-1 ! rtph264pay pt=102 aggregate-mode=zero-latency config-interval=-1",
                "H264", 102),
        /**
         * VP8 in software: real-time deadline, tuned for a small CPU. One encoder thread: libvpx's
         * VP8 row threads wait for each other by spinning, which here cost 0.22 cores against 0.10
         * for the same 640×480 call picture, and 0.55 against 0.10 with the other core busy
         * (BENCHMARKS.md); {@link EncoderSpeed} measures these same settings before HD is allowed.
         */
        VP8("vp8enc name=venc deadline=1 cpu-used=8 end-usage=cbr target-bitrate=800000 keyframe-max-dist=90 error-resilient=partitions threads=1 ! rtpvp8pay pt=96 picture-id-mode=15-bit",
                "VP8", 96);

        final String encoder;
        final String encodingName;
        final int payloadType;

        VideoCodec(String encoder, String encodingName, int payloadType) {
            this.encoder = encoder;
            this.encodingName = encodingName;
            this.payloadType = payloadType;
        }
    }

    /**
     * The picture a simulated camera shows, and the one {@link EncoderSpeed} encodes: colour bars
     * moving sideways, which keep their detail in every frame, so the encoder spends its whole
     * bitrate on them as it does on a camera's picture. A ball on black (the earlier choice)
     * compressed to a sixth of the target and took under half the time to encode.
     */
    public static final String TEST_PICTURE = "pattern=smpte horizontal-speed=4";

    /** The microphone's encoder: speech at 32 kbit/s, with forward error correction against lost packets. */
    public static final String OPUS_ENCODER = "opusenc bitrate=32000 inband-fec=true";

    /**
     * The software VP8 encoder as calls configure it, without the payloader: for measuring it alone
     * ({@link EncoderSpeed}, bench call's bare pipeline) with exactly the call's settings.
     */
    public static String vp8Encoder() {
        return VideoCodec.VP8.encoder.replace("name=venc ", "").replaceAll(" ! rtpvp8pay.*", "");
    }

    /**
     * Probes the installed elements; {@code simulate} uses test sources and counting sinks.
     * Hardware H.264 holds 720p. VP8 in software starts at 640×480, until {@link EncoderSpeed}
     * has measured what this CPU holds ({@link #withCeiling}).
     */
    public static MediaPlan probe(boolean simulate, Predicate<String> elementExists) {
        VideoCodec codec = elementExists.test("v4l2h264enc") && !simulate ? VideoCodec.H264_V4L2 : VideoCodec.VP8;
        MediaProfile ceiling = codec == VideoCodec.H264_V4L2 ? MediaProfile.HD : MediaProfile.SD;
        String h264Decoder = elementExists.test("v4l2h264dec") ? "v4l2h264dec" : "avdec_h264";
        if (simulate) {
            return new MediaPlan("videotestsrc is-live=true " + TEST_PICTURE,
                    "audiotestsrc is-live=true wave=sine freq=440 volume=0.2",
                    "fakesink name=vsink sync=false", "fakesink name=asink sync=true", codec, ceiling, h264Decoder, false);
        }
        String camera = elementExists.test("libcamerasrc") ? "libcamerasrc" : "v4l2src";
        String mic = elementExists.test("pulsesrc") ? "pulsesrc" : "autoaudiosrc";
        return new MediaPlan(camera, mic, "autovideosink name=vsink sync=false", "autoaudiosink name=asink", codec, ceiling,
                h264Decoder, false);
    }

    /**
     * webrtcbin's jitter buffer: enough for a home line's jitter, and short, since it delays the
     * first picture and every word (200 ms cost about 150 ms of set-up time in bench call).
     */
    public static final int JITTER_BUFFER_MS = 100;

    /** Echo probes are found by name across the process, so each call's pipeline names its own. */
    private static final AtomicLong PIPELINES = new AtomicLong();

    /**
     * The call's pipeline: camera and microphone into webrtcbin, with the elements adaptation
     * changes named; and the loudspeaker's branch up to its echo probe, so that the echo canceller
     * finds its probe when it starts. Everything the loudspeaker plays passes the probe. The branch
     * has no sink yet: {@link GstCallMedia} adds {@link #audioSink} after {@link #SPEAKER_OUT} and
     * links the other side's decoded audio to {@link #SPEAKER} once it arrives. A sink waiting for
     * audio would hold the whole pipeline out of PLAYING, so the camera would start only when the
     * worker's voice arrived, and never for a worker without a microphone. The queues and sources
     * are named for what they carry: their streaming threads take those names, so {@code top -H}
     * on a kiosk (and bench call) tells where the CPU goes.
     */
    String sendDescription(MediaProfile start, String iceSettings) {
        String echo = "echo" + PIPELINES.incrementAndGet();
        MediaProfile v = start.hasVideo() ? start : MediaProfile.LOW;
        return "webrtcbin name=webrtc bundle-policy=max-bundle latency=" + JITTER_BUFFER_MS + " " + iceSettings + " "
                + videoSource + " name=camera-src ! videoconvert ! videoscale ! videorate ! capsfilter name=vcaps caps=" + videoCaps(v)
                + (selfView ? " ! tee name=camera camera. ! " + SELF_VIEW + " camera." : "")
                + " ! valve name=vvalve drop=" + !start.hasVideo() + " ! queue name=to-encoder max-size-buffers=2 leaky=downstream ! "
                + codec.encoder + " ! application/x-rtp,media=video,encoding-name=" + codec.encodingName + ",payload="
                + codec.payloadType + ",clock-rate=90000 ! webrtc. "
                + audioSource + " name=mic-src ! audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=1 "
                // Echo cancellation and noise suppression: the loudspeaker sits next to the microphone.
                + "! webrtcdsp name=dsp probe=" + echo + " echo-cancel=true noise-suppression=true ! volume name=mic ! audioconvert ! queue name=to-opus ! "
                + OPUS_ENCODER + " ! rtpopuspay pt=111 ! "
                + "application/x-rtp,media=audio,encoding-name=OPUS,payload=111,clock-rate=48000 ! webrtc. "
                + "volume name=" + SPEAKER + " ! audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=1 ! "
                + "webrtcechoprobe name=" + echo + " ! audioconvert name=" + SPEAKER_OUT;
    }

    /** The loudspeaker branch's first element: the other side's decoded audio is linked to its sink pad. */
    static final String SPEAKER = "speaker";
    /** The loudspeaker branch's last element, after the echo probe: the audio sink is linked to its source pad. */
    static final String SPEAKER_OUT = "to-speaker";

    static String videoCaps(MediaProfile p) {
        return "video/x-raw,width=" + p.width + ",height=" + p.height + ",framerate=30/1";
    }
}
