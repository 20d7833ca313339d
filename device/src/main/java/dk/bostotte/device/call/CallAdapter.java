package dk.bostotte.device.call;

import dk.bostotte.protocol.message.CallStats;

/**
 * Picks what to send from what the other side reports: a step down as soon as loss or delay
 * passes the limit two reports in a row, a step up only after a calm stretch, so the picture does
 * not flap. Below the lowest video step the call carries on as audio only.
 */
public final class CallAdapter {

    static final double DOWN_LOSS_PCT = 5;
    static final double DOWN_RTT_MS = 400;
    static final double UP_LOSS_PCT = 1;
    static final double UP_RTT_MS = 200;
    /** Consecutive bad reports before stepping down; calm ones before stepping up. */
    static final int BAD_REPORTS = 2;
    static final int CALM_REPORTS = 5;

    private final MediaProfile ceiling;
    private MediaProfile current;
    private int bad;
    private int calm;

    public CallAdapter(MediaProfile ceiling) {
        this.ceiling = ceiling;
        this.current = ceiling;
    }

    public MediaProfile current() {
        return current;
    }

    /** Feeds one report; returns the profile to send from now on (the same one when nothing changes). */
    public MediaProfile next(CallStats s) {
        if (s == null || (s.lossPct() == null && s.rttMs() == null)) {
            return current;
        }
        double loss = s.lossPct() == null ? 0 : s.lossPct();
        double rtt = s.rttMs() == null ? 0 : s.rttMs();
        if (loss > DOWN_LOSS_PCT || rtt > DOWN_RTT_MS) {
            calm = 0;
            if (++bad >= BAD_REPORTS) {
                bad = 0;
                current = current.lower();
            }
        } else if (loss < UP_LOSS_PCT && rtt < UP_RTT_MS) {
            bad = 0;
            if (++calm >= CALM_REPORTS) {
                calm = 0;
                current = current.higher(ceiling);
            }
        } else {
            bad = 0;
            calm = 0;
        }
        return current;
    }
}
