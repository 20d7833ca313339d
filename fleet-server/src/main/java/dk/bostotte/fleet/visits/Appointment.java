package dk.bostotte.fleet.visits;

import java.time.Instant;

/** A booked (or cancelled) online visit, as the console shows it. */
public record Appointment(long id, long citizenId, String citizenName, String deviceId, long accountId, String workerName,
                          Instant startsAt, int minutes, String state) {
}
