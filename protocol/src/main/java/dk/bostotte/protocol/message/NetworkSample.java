package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;

/**
 * One network measurement. {@code seq} increases strictly per device and survives restarts, so a
 * sample delivered twice (resent after a lost acknowledgement) is stored once. Absent figures are
 * null: a probe that did not run is not a zero, and {@code skipped} says why one did not run.
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
        Integer signalDbm,
        Double rttMinMs,
        Double rttP95Ms,
        Long bytesUsed,
        Skip skipped,
        Radio radio) {

    /** The figures every sample may carry, without the detail a later probe added. */
    public NetworkSample(long seq, Instant at, LinkType link, Double rttMs, Double jitterMs, Double lossPct,
                         Double downMbps, Double upMbps, Integer signalDbm) {
        this(seq, at, link, rttMs, jitterMs, lossPct, downMbps, upMbps, signalDbm, null, null, null, null, null);
    }

    /** Why a probe that was due did not run. */
    public enum Skip {
        /** The day's measurement data budget is spent. */
        BUDGET_SPENT,
        /** A call was on; measuring would have hurt it. */
        IN_CALL;

        @JsonValue
        public String wire() {
            return WireNames.of(this);
        }

        @JsonCreator
        public static Skip fromWire(String wire) {
            return WireNames.parse(values(), wire, "skip reason");
        }
    }

    /**
     * What the radio says, when the link is one: Wi-Fi signal (in {@code signalDbm}) and bit rate;
     * for a cellular modem its access technology and LTE/5G signal figures.
     */
    public record Radio(Double wifiBitrateMbps, String cellTech, Double rsrpDbm, Double rsrqDb, Double sinrDb) {

        void check(Checks c) {
            c.range("wifiBitrateMbps", wifiBitrateMbps, 0, 100_000).text("cellTech", cellTech, 1, 16)
                    .range("rsrpDbm", rsrpDbm, -160, 0).range("rsrqDb", rsrqDb, -50, 20).range("sinrDb", sinrDb, -30, 60);
        }

        public boolean isEmpty() {
            return wifiBitrateMbps == null && cellTech == null && rsrpDbm == null && rsrqDb == null && sinrDb == null;
        }
    }

    public NetworkSample withThroughput(Double down, Double up, long bytes) {
        return new NetworkSample(seq, at, link, rttMs, jitterMs, lossPct, down, up, signalDbm, rttMinMs, rttP95Ms,
                (bytesUsed == null ? 0 : bytesUsed) + bytes, skipped, radio);
    }

    public NetworkSample withSkipped(Skip why) {
        return new NetworkSample(seq, at, link, rttMs, jitterMs, lossPct, downMbps, upMbps, signalDbm, rttMinMs, rttP95Ms,
                bytesUsed, why, radio);
    }

    public NetworkSample withRadio(Integer signal, Radio r) {
        return new NetworkSample(seq, at, link, rttMs, jitterMs, lossPct, downMbps, upMbps, signal, rttMinMs, rttP95Ms,
                bytesUsed, skipped, r == null || r.isEmpty() ? null : r);
    }

    void check(Checks c) {
        c.range("seq", seq, 0, Long.MAX_VALUE).required("at", at).required("link", link)
                .range("rttMs", rttMs, 0, 60_000).range("jitterMs", jitterMs, 0, 60_000)
                .range("lossPct", lossPct, 0, 100).range("downMbps", downMbps, 0, 100_000)
                .range("upMbps", upMbps, 0, 100_000).range("signalDbm", signalDbm, -150, 0)
                .range("rttMinMs", rttMinMs, 0, 60_000).range("rttP95Ms", rttP95Ms, 0, 60_000)
                .range("bytesUsed", bytesUsed, 0, 1e12);
        if (radio != null) {
            radio.check(c.nested("radio"));
        }
    }
}
