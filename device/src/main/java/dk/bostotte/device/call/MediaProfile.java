package dk.bostotte.device.call;

import dk.bostotte.protocol.message.CallStats;

/** One step of what the device sends, from HD video down to audio only. */
public enum MediaProfile {
    HD(1280, 720, 1_500_000, CallStats.Mode.VIDEO_HD),
    SD(640, 480, 800_000, CallStats.Mode.VIDEO),
    LOW(320, 240, 300_000, CallStats.Mode.VIDEO),
    AUDIO_ONLY(0, 0, 0, CallStats.Mode.AUDIO_ONLY);

    public final int width;
    public final int height;
    public final int videoBitrate;
    public final CallStats.Mode mode;

    MediaProfile(int width, int height, int videoBitrate, CallStats.Mode mode) {
        this.width = width;
        this.height = height;
        this.videoBitrate = videoBitrate;
        this.mode = mode;
    }

    public boolean hasVideo() {
        return this != AUDIO_ONLY;
    }

    public MediaProfile lower() {
        return this == AUDIO_ONLY ? this : values()[ordinal() + 1];
    }

    /** One step up, never above {@code ceiling}. */
    public MediaProfile higher(MediaProfile ceiling) {
        return ordinal() <= ceiling.ordinal() ? ceiling : values()[ordinal() - 1];
    }
}
