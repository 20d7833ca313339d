package dk.bostotte.device.call;

import dk.bostotte.protocol.message.CallStats;

/**
 * Picks what to send from what the other side reports: a step down as soon as loss or delay
 * passes the limit two reports in a row, a step up only after a calm stretch, so the picture does
 * not flap. Below the lowest video step the call carries on as audio only. Right after a step up
 * the first reports still describe the switch (a burst of keyframe, RTCP about the stream as it was
 * before it paused), so they may not step straight back down: CallAdaptationIT saw exactly that
 * flap, audio only → low → audio only within four seconds on a line that had recovered.
 */
public final class CallAdapter {

    static final double DOWN_LOSS_PCT = 5;
    static final double DOWN_RTT_MS = 400;
    static final double UP_LOSS_PCT = 1;
    static final double UP_RTT_MS = 200;
    /** Consecutive bad reports before stepping down; calm ones before stepping up. */
    static final int BAD_REPORTS = 2;
    static final int CALM_REPORTS = 5;
    /** Reports after a step up whose bad figures are not held against the new step. */
    static final int SETTLE_REPORTS = 2;

    private final MediaProfile ceiling;
    private MediaProfile current;
    private int bad;
    private int calm;
    private int settling;

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
        boolean settlingNow = settling > 0;
        if (settlingNow) {
            settling--;
        }
        if (loss > DOWN_LOSS_PCT || rtt > DOWN_RTT_MS) {
            calm = 0;
            if (settlingNow) {
                return current;
            }
            if (++bad >= BAD_REPORTS) {
                bad = 0;
                current = current.lower();
            }
        } else if (loss < UP_LOSS_PCT && rtt < UP_RTT_MS) {
            bad = 0;
            if (++calm >= CALM_REPORTS) {
                calm = 0;
                MediaProfile up = current.higher(ceiling);
                settling = up != current ? SETTLE_REPORTS : 0;
                current = up;
            }
        } else {
            bad = 0;
            calm = 0;
        }
        return current;
    }
}
