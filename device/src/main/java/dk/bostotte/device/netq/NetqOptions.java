package dk.bostotte.device.netq;

import static dk.bostotte.device.platform.OptionChecks.atLeast;

import java.time.Duration;

/**
 * How often and how much the network is measured: latency trains ({@code --latency-every-s},
 * {@code --latency-packets}), throughput tests ({@code --throughput-every-s}, {@code --throughput-fixed})
 * and the daily data budget ({@code --measurement-budget-kb}).
 */
public record NetqOptions(Duration latencyEvery, int latencyPackets, Duration throughputEvery, boolean throughputFixed,
                          long measurementBytesPerDay) {

    public static final int LATENCY_EVERY_S = 300;
    public static final int LATENCY_PACKETS = 20;
    /** Three times a day. */
    public static final int THROUGHPUT_EVERY_S = 28_800;
    /** For a metered 4G SIM. */
    public static final int MEASUREMENT_BUDGET_KB = 10_000;

    public NetqOptions {
        atLeast("--latency-every-s", latencyEvery.toSeconds(), 1);
        atLeast("--throughput-every-s", throughputEvery.toSeconds(), 1);
        atLeast("--latency-packets", latencyPackets, 2);
        atLeast("--measurement-budget-kb", measurementBytesPerDay / 1000, 0);
    }

    public static NetqOptions of(int latencyEveryS, int latencyPackets, int throughputEveryS, boolean throughputFixed,
                                 int measurementBudgetKb) {
        return new NetqOptions(Duration.ofSeconds(latencyEveryS), latencyPackets, Duration.ofSeconds(throughputEveryS),
                throughputFixed, measurementBudgetKb * 1000L);
    }

    public static NetqOptions defaults() {
        return of(LATENCY_EVERY_S, LATENCY_PACKETS, THROUGHPUT_EVERY_S, false, MEASUREMENT_BUDGET_KB);
    }
}
