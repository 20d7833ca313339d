package dk.bostotte.fleet.devices;

import java.time.Instant;

/** One stored network sample, as the JSON API shows it; absent figures are left out. */
public record TelemetryPoint(long seq, Instant at, String link, Double rttMs, Double jitterMs, Double lossPct,
                             Double downMbps, Double upMbps, Integer signalDbm, Double rttMinMs, Double rttP95Ms,
                             Long bytesUsed, String skipped, Double wifiBitrateMbps, String cellTech, Double rsrpDbm,
                             Double rsrqDb, Double sinrDb) {
}
