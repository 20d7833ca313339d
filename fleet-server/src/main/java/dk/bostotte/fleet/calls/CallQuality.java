package dk.bostotte.fleet.calls;

import dk.bostotte.protocol.message.CallStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quality summary kept with a call: per side (device, browser), the number of reports and the
 * mean and worst of loss, jitter and RTT, the mean and lowest received bitrate, the largest frame
 * count decoded, and how often the device changed what it sends.
 */
final class CallQuality {

    private final Map<String, Side> sides = new LinkedHashMap<>();
    private String lastMode;
    private int modeChanges;

    void add(String side, CallStats s) {
        Side x = sides.computeIfAbsent(side, k -> new Side());
        x.reports++;
        x.loss.add(s.lossPct(), true);
        x.jitter.add(s.jitterMs(), true);
        x.rtt.add(s.rttMs(), true);
        x.recvKbps.add(s.recvKbps(), false);
        x.sendKbps.add(s.sendKbps(), false);
        if (s.framesDecoded() != null) {
            x.framesDecoded = Math.max(x.framesDecoded, s.framesDecoded());
        }
        if (s.audioBuffersPlayed() != null) {
            x.audioBuffersPlayed = Math.max(x.audioBuffersPlayed, s.audioBuffersPlayed());
        }
        if (s.width() != null && s.height() != null && s.width() > 0) {
            x.lastResolution = s.width() + "x" + s.height();
        }
        if (s.mode() != null) {
            String mode = s.mode().wire();
            if (lastMode != null && !lastMode.equals(mode)) {
                modeChanges++;
            }
            lastMode = mode;
        }
    }

    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        sides.forEach((name, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reports", s.reports);
            s.loss.into(m, "lossPct", "worst");
            s.jitter.into(m, "jitterMs", "worst");
            s.rtt.into(m, "rttMs", "worst");
            s.recvKbps.into(m, "recvKbps", "lowest");
            s.sendKbps.into(m, "sendKbps", "lowest");
            m.put("framesDecoded", s.framesDecoded);
            m.put("audioBuffersPlayed", s.audioBuffersPlayed);
            if (s.lastResolution != null) {
                m.put("lastResolution", s.lastResolution);
            }
            out.put(name, m);
        });
        if (lastMode != null) {
            out.put("lastMode", lastMode);
            out.put("modeChanges", modeChanges);
        }
        return out;
    }

    private static final class Side {
        int reports;
        final Figure loss = new Figure();
        final Figure jitter = new Figure();
        final Figure rtt = new Figure();
        final Figure recvKbps = new Figure();
        final Figure sendKbps = new Figure();
        long framesDecoded;
        long audioBuffersPlayed;
        String lastResolution;
    }

    /** Mean and extreme of one figure; {@code worstIsHigh} says which extreme matters. */
    private static final class Figure {
        int n;
        double sum;
        double extreme;

        void add(Double v, boolean worstIsHigh) {
            if (v == null || v.isNaN()) {
                return;
            }
            extreme = n == 0 ? v : worstIsHigh ? Math.max(extreme, v) : Math.min(extreme, v);
            sum += v;
            n++;
        }

        void into(Map<String, Object> m, String name, String extremeName) {
            if (n > 0) {
                m.put(name + "Mean", Math.round(sum / n * 10) / 10.0);
                m.put(name + Character.toUpperCase(extremeName.charAt(0)) + extremeName.substring(1),
                        Math.round(extreme * 10) / 10.0);
            }
        }
    }
}
