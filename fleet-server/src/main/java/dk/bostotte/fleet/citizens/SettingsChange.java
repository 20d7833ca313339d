package dk.bostotte.fleet.citizens;

import dk.bostotte.fleet.http.Problem;
import dk.bostotte.protocol.message.AnswerPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A citizen's settings as the Indstillinger dialog sends them: how the kiosk answers, the reminder
 * before a visit, the drive from the office and (admins) the target group. Saved together or not at
 * all: {@link #problem} checks every value before anything is written. Null leaves a value as it is.
 */
public record SettingsChange(String answerPolicy, Integer autoAnswerS, List<String> autoAnswerCallers,
                             Integer reminderMinutes, Integer travelMinutes, Double travelKm, Boolean inTargetGroup) {

    /** The code of a username no account has ({@code value} in the answer). */
    public static final String UNKNOWN_ACCOUNT = "unknown-account";

    /** The first value that cannot be saved, named by its field; empty when all of them can. */
    public Optional<Problem> problem() {
        if (answerPolicy != null && AnswerPolicy.parse(answerPolicy).isEmpty()) {
            return Optional.of(new Problem(400, Problem.INVALID_CHOICE, "answerPolicy", "answerPolicy must be " + AnswerPolicy.spellings()));
        }
        return range("autoAnswerS", autoAnswerS, 3, 120)
                .or(() -> range("reminderMinutes", reminderMinutes, 0, 1440))
                .or(() -> range("travelMinutes", travelMinutes, 0, 600))
                .or(() -> travelKm != null && !(travelKm >= 0 && travelKm <= 1000)
                        ? Optional.of(Problem.outOfRange("travelKm", 0, 1000)) : Optional.empty());
    }

    /** The auto-answer callers, each once and sorted, so the same list in another order is no change. */
    public List<String> callers() {
        return autoAnswerCallers == null ? List.of()
                : List.copyOf(new TreeSet<>(autoAnswerCallers.stream().map(String::trim).filter(u -> !u.isEmpty()).toList()));
    }

    /** Whether this asks for another answer policy than {@code c} has (the callers count only for auto-answer). */
    public boolean changesPolicyOf(Citizen c) {
        if (answerPolicy == null) {
            return false;
        }
        AnswerPolicy p = AnswerPolicy.fromWire(answerPolicy);
        int seconds = autoAnswerS == null ? c.autoAnswerS() : autoAnswerS;
        return p != c.answerPolicy() || seconds != c.autoAnswerS()
                || p == AnswerPolicy.AUTO_ANSWER && !callers().equals(List.copyOf(new TreeSet<>(c.autoAnswerUsernames())));
    }

    static Problem unknownAccount(String username) {
        return new Problem(400, UNKNOWN_ACCOUNT, "autoAnswerCallers", "no account '" + username + "'", Map.of("value", username));
    }

    private static Optional<Problem> range(String field, Integer value, int min, int max) {
        return value != null && (value < min || value > max) ? Optional.of(Problem.outOfRange(field, min, max)) : Optional.empty();
    }
}
