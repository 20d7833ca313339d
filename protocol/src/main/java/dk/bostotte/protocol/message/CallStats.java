package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonValue;
import dk.bostotte.protocol.codec.Checks;

/**
 * One side's view of a call over the last few seconds. Every figure is optional: a side reports
 * what its media stack measures.
 */
public record CallStats(Double sendKbps, Double recvKbps, Double lossPct, Double jitterMs, Double rttMs,
                        Integer width, Integer height, Double fps, Long framesDecoded, Long audioBuffersPlayed,
                        Mode mode) {

    /** What the sender is currently sending, as the device adapts to the line. */
    public enum Mode {
        VIDEO_HD, VIDEO, AUDIO_ONLY;

        @JsonValue
        public String wire() {
            return WireNames.of(this);
        }
    }

    public void check(Checks c) {
        c.range("sendKbps", sendKbps, 0, 1_000_000).range("recvKbps", recvKbps, 0, 1_000_000)
                .range("lossPct", lossPct, 0, 100).range("jitterMs", jitterMs, 0, 60_000)
                .range("rttMs", rttMs, 0, 60_000).range("width", width, 0, 8192).range("height", height, 0, 8192)
                .range("fps", fps, 0, 240).range("framesDecoded", framesDecoded, 0, Long.MAX_VALUE)
                .range("audioBuffersPlayed", audioBuffersPlayed, 0, Long.MAX_VALUE);
    }
}
