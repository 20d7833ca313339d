package dk.bostotte.fleet.alerts;

import dk.bostotte.fleet.netq.ConnectionVerdicts;
import dk.bostotte.fleet.netq.LineFigures;
import dk.bostotte.fleet.netq.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds for a device whose verdict over the last {@code recent} is worse than its usual one: the
 * line that carried video last week carries only audio today. How long it must last before it is an
 * alert is the {@link AlertService}'s business.
 */
public final class VerdictDropWatch implements AlertWatch {

    private final ConnectionVerdicts verdicts;
    private final Duration recent;

    public VerdictDropWatch(ConnectionVerdicts verdicts, Duration recent) {
        this.verdicts = verdicts;
        this.recent = recent;
    }

    @Override
    public AlertKind kind() {
        return AlertKind.VERDICT_DROP;
    }

    @Override
    public Map<String, String> holdingAt(Instant now) {
        Map<String, String> out = new HashMap<>();
        verdicts.recentAgainstUsual(recent).forEach((device, c) -> {
            Verdict usual = c.usual().verdict();
            Verdict latest = c.recent().verdict();
            if (usual != Verdict.UNKNOWN && latest != Verdict.UNKNOWN && latest.ordinal() > usual.ordinal()) {
                LineFigures f = c.recent().figures();
                out.put(device, "verdict " + usual.wire() + " -> " + latest.wire() + " over the last "
                        + recent.toMinutes() + " min (rtt " + f.rttMs() + " ms, jitter " + f.jitterMs() + " ms, loss "
                        + f.lossPct() + " %, " + f.downMbps() + "/" + f.upMbps() + " Mbit/s)");
            }
        });
        return out;
    }
}
