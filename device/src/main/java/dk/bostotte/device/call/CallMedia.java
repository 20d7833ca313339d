package dk.bostotte.device.call;

import dk.bostotte.protocol.message.CallSignal.IceTransportPolicy;
import dk.bostotte.protocol.message.CallStats;
import dk.bostotte.protocol.message.IceServer;
import java.util.List;

/**
 * The media side of one call: camera and microphone out, the worker's video and voice in, over
 * WebRTC. The device always makes the offer. Implementations call the {@link Listener} from their
 * own threads.
 */
public interface CallMedia extends AutoCloseable {

    interface Listener {
        void offer(String sdp);

        void candidate(int sdpMLineIndex, String candidate);

        void connected();

        void failed(String reason);
    }

    /**
     * Builds the pipeline and starts negotiating; the offer arrives at {@code listener}. With
     * {@code RELAY} only TURN-relayed candidates are used.
     */
    void start(List<IceServer> iceServers, IceTransportPolicy policy, Listener listener);

    void remoteAnswer(String sdp);

    void remoteCandidate(int sdpMLineIndex, String candidate);

    /** Figures since the previous call of this method, or null before media flows. */
    CallStats sample();

    /** Switches what is sent, as the line allows. */
    void apply(MediaProfile profile);

    MediaProfile profile();

    /** Silences the microphone (true) or opens it again. */
    void mute(boolean muted);

    /** Stops sending the camera's picture (true) or sends it again, whatever the line allows. */
    void cameraOff(boolean off);

    /** Loudness of the other side's voice, 0–100 %. */
    void speakerVolume(int percent);

    /** Stops the media and frees the pipeline; safe to call twice. */
    @Override
    void close();
}
