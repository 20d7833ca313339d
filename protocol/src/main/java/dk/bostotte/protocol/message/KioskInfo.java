package dk.bostotte.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dk.bostotte.protocol.codec.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Retained by the fleet server on {@code kiosk}: what the device's idle screen tells the citizen —
 * who their support worker is, the next booked online visits, and the fleet's verdict on the line
 * in words. Republished whenever any of it changes; the device keeps showing the last one it got.
 */
public record KioskInfo(int v, Instant at, String workerName, String teamName, Line line,
                        List<Appointment> appointments, Integer reminderMinutes) implements ProtocolMessage {

    public static final int MAX_APPOINTMENTS = 5;

    /** The fleet's connection verdict for this device, as the console shows it. */
    public enum Line {
        VIDEO_HD, VIDEO, AUDIO_ONLY, INSUFFICIENT, UNKNOWN;

        @JsonValue
        public String wire() {
            return WireNames.of(this);
        }

        @JsonCreator
        public static Line fromWire(String wire) {
            return WireNames.parse(values(), wire, "line verdict");
        }
    }

    /** One booked online visit: when, for how long, with whom. */
    public record Appointment(String id, Instant start, Integer minutes, String workerName) {

        void check(Checks c) {
            c.required("id", id).text("id", id, 1, 64).required("start", start).range("minutes", minutes, 1, 480)
                    .text("workerName", workerName, 1, 200);
        }
    }

    @Override
    public void check(Checks c) {
        c.required("at", at).text("workerName", workerName, 1, 200).text("teamName", teamName, 1, 200)
                .size("appointments", appointments, 0, MAX_APPOINTMENTS).range("reminderMinutes", reminderMinutes, 0, 1440);
        if (appointments != null) {
            for (int i = 0; i < appointments.size(); i++) {
                Appointment a = appointments.get(i);
                if (a == null) {
                    c.required("appointments[" + i + "]", null);
                } else {
                    a.check(c.nested("appointments[" + i + "]"));
                }
            }
        }
    }
}
