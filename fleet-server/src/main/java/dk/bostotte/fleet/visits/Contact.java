package dk.bostotte.fleet.visits;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One contact with a citizen: online (a call), physical (a home visit) or phone. {@code completed}
 * says whether it counted as the planned support; the note is short and non-clinical, and its type
 * says what it was about.
 */
public record Contact(long id, long citizenId, String citizenName, long accountId, String workerName, String kind,
                      Instant happenedAt, Integer minutes, boolean completed, String noteType, String note, UUID callId) {

    public static final List<String> KINDS = List.of("online", "physical", "phone");
    public static final List<String> NOTE_TYPES = List.of("adl", "structure", "post-finances", "follow-up");
    public static final int MAX_NOTE = 500;
}
