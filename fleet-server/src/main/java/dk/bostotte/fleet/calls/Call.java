package dk.bostotte.fleet.calls;

import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.citizens.Citizen;
import dk.bostotte.protocol.DeviceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

/** One call as the {@link CallService} tracks it; touched only on the call thread. */
final class Call {

    enum Direction {
        TO_DEVICE, FROM_DEVICE;

        String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    final UUID id;
    final DeviceId device;
    final Citizen citizen;
    final Direction direction;
    final Instant createdAt;
    /** The worker in the call: the caller, or whoever picked up a device's call. */
    Account worker;
    /** The booked visit the worker called from, if any. */
    Long appointmentId;
    ConsolePeer peer;
    /** Consoles ringing for a device's call until one picks up. */
    final List<ConsolePeer> ringing = new ArrayList<>();
    CallState state = CallState.RINGING;
    String reason;
    Instant answeredAt;
    Instant connectedAt;
    Instant endedAt;
    ScheduledFuture<?> timer;
    /** Whether the device has answered the last signal that expects an answer (ring, accepted). */
    boolean acknowledged;
    final CallQuality quality = new CallQuality();

    Call(UUID id, DeviceId device, Citizen citizen, Direction direction, Instant createdAt) {
        this.id = id;
        this.device = device;
        this.citizen = citizen;
        this.direction = direction;
        this.createdAt = createdAt;
    }

    String citizenName() {
        return citizen == null ? null : citizen.displayName();
    }

    Integer durationS() {
        return connectedAt == null || endedAt == null ? null
                : (int) Math.max(0, Duration.between(connectedAt, endedAt).toSeconds());
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
