package dk.bostotte.device.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.protocol.message.CallStats;
import org.junit.jupiter.api.Test;

class CallAdapterTest {

    private static CallStats line(double lossPct, double rttMs) {
        return new CallStats(null, null, lossPct, null, rttMs, null, null, null, null, null, null);
    }

    private static MediaProfile feed(CallAdapter a, CallStats s, int times) {
        MediaProfile p = a.current();
        for (int i = 0; i < times; i++) {
            p = a.next(s);
        }
        return p;
    }

    @Test
    void stepsDownAfterTwoBadReportsAndFallsBackToAudioOnly() {
        CallAdapter a = new CallAdapter(MediaProfile.HD);
        assertEquals(MediaProfile.HD, a.next(line(12, 80)), "one bad report is not yet a trend");
        assertEquals(MediaProfile.SD, a.next(line(12, 80)));
        assertEquals(MediaProfile.LOW, feed(a, line(2, 600), 2), "delay alone also counts");
        assertEquals(MediaProfile.AUDIO_ONLY, feed(a, line(30, 900), 2));
        assertEquals(MediaProfile.AUDIO_ONLY, feed(a, line(30, 900), 6), "the floor is audio only");
    }

    @Test
    void stepsBackUpOnlyAfterACalmStretchAndNeverAboveTheCeiling() {
        CallAdapter a = new CallAdapter(MediaProfile.SD);
        feed(a, line(20, 100), 4);
        assertEquals(MediaProfile.AUDIO_ONLY, a.current());
        assertEquals(MediaProfile.AUDIO_ONLY, feed(a, line(0, 50), 4));
        assertEquals(MediaProfile.LOW, a.next(line(0, 50)));
        assertEquals(MediaProfile.SD, feed(a, line(0, 50), 5));
        assertEquals(MediaProfile.SD, feed(a, line(0, 50), 20), "not above what this device can encode");
    }

    @Test
    void middlingReportsHoldTheCurrentStepAndResetBothCounts() {
        CallAdapter a = new CallAdapter(MediaProfile.SD);
        a.next(line(10, 50));
        a.next(line(3, 250)); // neither bad nor calm
        assertEquals(MediaProfile.SD, a.next(line(10, 50)), "the bad count started again");
        assertEquals(MediaProfile.SD, a.next(null));
        assertEquals(MediaProfile.SD, a.next(new CallStats(100.0, null, null, null, null, null, null, null, null, null, null)),
                "a report without loss or delay says nothing about the line");
    }

    @Test
    void theReportsRightAfterAStepUpCannotStepStraightBackDown() {
        CallAdapter a = new CallAdapter(MediaProfile.SD);
        feed(a, line(20, 100), 4);
        assertEquals(MediaProfile.LOW, feed(a, line(0, 50), 5), "back up from audio only");
        assertEquals(MediaProfile.LOW, feed(a, line(30, 900), 2), "the switch's own figures do not count");
        assertEquals(MediaProfile.LOW, a.next(line(30, 900)), "a bad report after settling is one, not yet a trend");
        assertEquals(MediaProfile.AUDIO_ONLY, a.next(line(30, 900)), "a line that really cannot carry it steps down");
    }

    @Test
    void calmReportsWhileSettlingStillCountTowardsTheNextStepUp() {
        CallAdapter a = new CallAdapter(MediaProfile.SD);
        feed(a, line(20, 100), 4);
        feed(a, line(0, 50), 5);
        assertEquals(MediaProfile.SD, feed(a, line(0, 50), 5));
    }
}
