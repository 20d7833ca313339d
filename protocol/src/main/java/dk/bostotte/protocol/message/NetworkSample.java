package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;

/**
 * One network measurement. {@code seq} increases strictly per device and survives restarts, so a
 * sample delivered twice (resent after a lost acknowledgement) is stored once. Absent figures are
 * null: a probe that did not run is not a zero.
 */
public record NetworkSample(
        @JsonProperty(required = true) long seq,
        Instant at,
        LinkType link,
        Double rttMs,
        Double jitterMs,
        Double lossPct,
        Double downMbps,
        Double upMbps,
        Integer signalDbm) {

    void check(Checks c) {
        c.range("seq", seq, 0, Long.MAX_VALUE).required("at", at).required("link", link)
                .range("rttMs", rttMs, 0, 60_000).range("jitterMs", jitterMs, 0, 60_000)
                .range("lossPct", lossPct, 0, 100).range("downMbps", downMbps, 0, 100_000)
                .range("upMbps", upMbps, 0, 100_000).range("signalDbm", signalDbm, -150, 0);
    }
}
