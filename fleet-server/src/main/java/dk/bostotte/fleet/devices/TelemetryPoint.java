package dk.bostotte.fleet.devices;

import java.time.Instant;

/** One stored network sample, as the JSON API shows it. */
public record TelemetryPoint(long seq, Instant at, String link, Double rttMs, Double jitterMs, Double lossPct,
                             Double downMbps, Double upMbps, Integer signalDbm) {
}
