package dk.bostotte.fleet.netq;

/**
 * One device's line over the verdict window: medians of what its probes measured (null where no
 * probe measured it) and how many samples they come from.
 */
public record LineFigures(int samples, Double downMbps, Double upMbps, Double rttMs, Double jitterMs, Double lossPct) {
}
