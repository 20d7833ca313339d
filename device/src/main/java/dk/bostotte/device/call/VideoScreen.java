package dk.bostotte.device.call;

import java.nio.ByteBuffer;

/**
 * Where a call's decoded pictures go when the kiosk has a screen: the other side's video and the
 * citizen's own camera. Frames arrive on GStreamer's streaming threads as 32-bit BGRx; the buffer
 * is valid only during the call.
 */
public interface VideoScreen {

    enum Source { REMOTE, SELF }

    void frame(Source source, int width, int height, ByteBuffer bgrx);

    /** The call's media stopped: forget the last pictures. */
    void clear();
}
