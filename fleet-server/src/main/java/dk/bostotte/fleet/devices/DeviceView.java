package dk.bostotte.fleet.devices;

import java.time.Instant;

/** A device as the JSON API shows it. */
public record DeviceView(
        String id,
        String model,
        String serial,
        String lifecycle,
        boolean online,
        Instant lastSeen,
        Instant connectedAt,
        String appVersion,
        boolean revoked,
        boolean locked,
        Instant enrolledAt,
        Instant outagePlannedUntil,
        StatusView status) {

    /** The latest status report, if any. */
    public record StatusView(Instant reportedAt, long uptimeS, Double cpuTempC, Boolean throttled, long memTotalMb,
                             long memAvailableMb, long diskTotalMb, long diskFreeMb, boolean camera,
                             boolean microphone, boolean speaker, boolean screen) {
    }
}
