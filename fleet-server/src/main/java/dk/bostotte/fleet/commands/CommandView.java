package dk.bostotte.fleet.commands;

import java.time.Instant;
import java.util.Map;

/**
 * A remote command as the API shows it. {@code state}: {@code queued} (waiting for the device),
 * {@code delivered} (the device has it), {@code done}, {@code failed} (with the reason in
 * {@code detail}) or {@code expired} (not delivered or finished in time).
 */
public record CommandView(String id, String deviceId, String type, Map<String, String> params, String state,
                          String detail, String issuedBy, Instant issuedAt, Instant expiresAt, Instant updatedAt) {
}
