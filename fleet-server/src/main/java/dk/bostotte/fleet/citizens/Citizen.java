package dk.bostotte.fleet.citizens;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * A citizen who has (or had) a loaned device: only what the service needs. {@code autoAnswerCallers}
 * are the account ids whose calls the device answers by itself when the policy is auto-answer, and
 * {@code autoAnswerUsernames} the same accounts by username (what the console shows and sends back).
 * {@code reminderMinutes}: how long before an online visit the kiosk reminds the citizen;
 * {@code travelMinutes} and {@code travelKm}: the one-way drive from the office, for the savings estimate.
 */
public record Citizen(long id, String displayName, String postcode, Long assignedAccountId, String assignedWorker,
                      String deviceId, AnswerPolicy answerPolicy, int autoAnswerS, List<Long> autoAnswerCallers, List<String> autoAnswerUsernames,
                      Double latitude, Double longitude, int reminderMinutes, Integer travelMinutes, Double travelKm,
                      boolean inTargetGroup) {

    public enum AnswerPolicy {
        RING, AUTO_ANSWER;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static AnswerPolicy fromWire(String s) {
            for (AnswerPolicy p : values()) {
                if (p.wire().equals(s)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("answerPolicy must be 'ring' or 'auto-answer', not '" + s + "'");
        }
    }

    /** Seconds to auto-answer a call from {@code accountId}, or null to ring and wait. */
    public Integer autoAnswerFor(long accountId) {
        return answerPolicy == AnswerPolicy.AUTO_ANSWER && autoAnswerCallers.contains(accountId) ? autoAnswerS : null;
    }
}
