package dk.bostotte.fleet.citizens;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;
import static dk.bostotte.fleet.db.jooq.Tables.APPOINTMENT;
import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;

import dk.bostotte.fleet.http.Problem;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.AnswerPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/** Citizens, the device loaned to each and the worker assigned to each. Blocking: call off the event loop. */
public final class CitizenRegistry {

    /** A request that cannot be stored, with the reason in words. */
    public static final class InvalidCitizenException extends RuntimeException {
        InvalidCitizenException(String message) {
            super(message);
        }
    }

    private final DSLContext dsl;

    public CitizenRegistry(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Citizen create(String displayName, String postcode, String assignedUsername, String deviceId,
                          AnswerPolicy policy, int autoAnswerS, List<String> autoAnswerUsernames,
                          Double latitude, Double longitude) {
        Long assigned = assignedUsername == null ? null : workerId(assignedUsername);
        Long[] callers = autoAnswerUsernames.stream().map(this::accountId).toArray(Long[]::new);
        try {
            long id = dsl.insertInto(CITIZEN).set(CITIZEN.DISPLAY_NAME, displayName).set(CITIZEN.POSTCODE, postcode)
                    .set(CITIZEN.ASSIGNED_ACCOUNT_ID, assigned).set(CITIZEN.DEVICE_ID, deviceId)
                    .set(CITIZEN.ANSWER_POLICY, policy.wire()).set(CITIZEN.AUTO_ANSWER_S, autoAnswerS)
                    .set(CITIZEN.AUTO_ANSWER_CALLERS, callers).set(CITIZEN.LATITUDE, latitude)
                    .set(CITIZEN.LONGITUDE, longitude).returning(CITIZEN.ID).fetchOne().getId();
            return find(id).orElseThrow();
        } catch (IntegrityConstraintViolationException e) {
            throw new InvalidCitizenException(deviceId == null ? "invalid citizen"
                    : "device " + deviceId + " is not enrolled or is already loaned to another citizen");
        }
    }

    /**
     * Saves the citizen's settings in one statement, so they are all saved or none is: every value is
     * checked first ({@link SettingsChange#problem}, then each auto-answer caller's account), and the
     * answer policy is written only when {@code change} changes it. Returns the citizen as stored.
     */
    public Citizen saveSettings(Citizen before, SettingsChange change) {
        change.problem().ifPresent(p -> {
            throw new Problem.Refusal(p);
        });
        var update = dsl.update(CITIZEN).set(CITIZEN.ID, CITIZEN.ID);
        if (change.changesPolicyOf(before)) {
            Long[] ids = new Long[change.callers().size()];
            for (int i = 0; i < ids.length; i++) {
                String username = change.callers().get(i);
                ids[i] = findAccount(username).orElseThrow(() -> new Problem.Refusal(SettingsChange.unknownAccount(username)));
            }
            update = update.set(CITIZEN.ANSWER_POLICY, change.answerPolicy())
                    .set(CITIZEN.AUTO_ANSWER_S, change.autoAnswerS() == null ? before.autoAnswerS() : change.autoAnswerS())
                    .set(CITIZEN.AUTO_ANSWER_CALLERS, ids);
        }
        if (change.reminderMinutes() != null) {
            update = update.set(CITIZEN.REMINDER_MINUTES, change.reminderMinutes());
        }
        if (change.travelMinutes() != null) {
            update = update.set(CITIZEN.TRAVEL_MINUTES, change.travelMinutes());
        }
        if (change.travelKm() != null) {
            update = update.set(CITIZEN.TRAVEL_KM, BigDecimal.valueOf(change.travelKm()));
        }
        if (change.inTargetGroup() != null) {
            update = update.set(CITIZEN.IN_TARGET_GROUP, change.inTargetGroup());
        }
        if (update.where(CITIZEN.ID.eq(before.id())).execute() == 0) {
            throw new InvalidCitizenException("no citizen " + before.id());
        }
        return find(before.id()).orElseThrow();
    }

    /** What the worker's list shows of a citizen's device. */
    public record DeviceState(Instant lastSeen, boolean locked) {
    }

    /** Last seen and locked, per device id, for these citizens' devices. */
    public Map<String, DeviceState> deviceStates(List<Citizen> of) {
        List<String> ids = of.stream().map(Citizen::deviceId).filter(Objects::nonNull).toList();
        return dsl.select(DEVICE.ID, DEVICE.LAST_SEEN, DEVICE.LOCKED).from(DEVICE).where(DEVICE.ID.in(ids))
                .fetchMap(r -> r.value1(), r -> new DeviceState(r.value2() == null ? null : r.value2().toInstant(),
                        Boolean.TRUE.equals(r.value3())));
    }

    /** The next booked visit of each of these citizens that has not ended by {@code now}. */
    public Map<Long, NextVisit> nextVisits(List<Citizen> of, Instant now) {
        List<Long> ids = of.stream().map(Citizen::id).toList();
        var worker = ACCOUNT.as("w");
        return dsl.select(APPOINTMENT.asterisk(), worker.DISPLAY_NAME).distinctOn(APPOINTMENT.CITIZEN_ID).from(APPOINTMENT).join(worker).on(worker.ID.eq(APPOINTMENT.ACCOUNT_ID))
                .where(APPOINTMENT.CITIZEN_ID.in(ids), NextVisit.bookedAndNotOverBy(now))
                .orderBy(APPOINTMENT.CITIZEN_ID, APPOINTMENT.STARTS_AT)
                .fetchMap(r -> r.get(APPOINTMENT.CITIZEN_ID), r -> new NextVisit(r.get(APPOINTMENT.ID),
                        r.get(APPOINTMENT.STARTS_AT).toInstant(), r.get(APPOINTMENT.MINUTES), r.get(worker.DISPLAY_NAME)));
    }

    /** Assigns the citizen to a worker (a staff account); empty if there is no such citizen. */
    public Optional<Citizen> assign(long citizenId, String username) {
        long account = workerId(username);
        if (dsl.update(CITIZEN).set(CITIZEN.ASSIGNED_ACCOUNT_ID, account).where(CITIZEN.ID.eq(citizenId)).execute() == 0) {
            return Optional.empty();
        }
        return find(citizenId);
    }

    /** A citizen's worker is a staff account, whether set when the citizen is added or later: it is who opens "Mine borgere". */
    private long workerId(String username) {
        long account = accountId(username);
        String role = dsl.select(ACCOUNT.ROLE).from(ACCOUNT).where(ACCOUNT.ID.eq(account)).fetchOne(ACCOUNT.ROLE);
        if (!"staff".equals(role)) {
            throw new InvalidCitizenException("'" + username + "' is not a support worker (staff) account");
        }
        return account;
    }

    private long accountId(String username) {
        return findAccount(username).orElseThrow(() -> new InvalidCitizenException("no account '" + username + "'"));
    }

    private Optional<Long> findAccount(String username) {
        return Optional.ofNullable(dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.USERNAME.eq(username)).fetchOne(ACCOUNT.ID));
    }

    public Optional<Citizen> find(long id) {
        return query(CITIZEN.ID.eq(id)).stream().findFirst();
    }

    public Optional<Citizen> byDevice(DeviceId device) {
        return query(CITIZEN.DEVICE_ID.eq(device.value())).stream().findFirst();
    }

    /** The citizens assigned to one worker, or every citizen when {@code accountId} is null. */
    public List<Citizen> list(Long accountId) {
        return query(accountId == null ? DSL.noCondition() : CITIZEN.ASSIGNED_ACCOUNT_ID.eq(accountId));
    }

    private List<Citizen> query(Condition where) {
        return dsl.select(CITIZEN.asterisk(), ACCOUNT.DISPLAY_NAME.as("worker"), AUTO_ANSWER_USERNAMES).from(CITIZEN)
                .leftJoin(ACCOUNT).on(ACCOUNT.ID.eq(CITIZEN.ASSIGNED_ACCOUNT_ID))
                .where(where).orderBy(CITIZEN.DISPLAY_NAME, CITIZEN.ID).fetch(CitizenRegistry::citizen);
    }

    /** The auto-answer callers' usernames, in order. */
    private static final Field<String[]> AUTO_ANSWER_USERNAMES = DSL.field(
            "array(select u.username from account u where u.id = any({0}) order by u.username)", String[].class,
            CITIZEN.AUTO_ANSWER_CALLERS).as("auto_answer_usernames");

    private static Citizen citizen(Record r) {
        Long[] callers = r.get(CITIZEN.AUTO_ANSWER_CALLERS);
        String[] usernames = r.get(AUTO_ANSWER_USERNAMES);
        return new Citizen(r.get(CITIZEN.ID), r.get(CITIZEN.DISPLAY_NAME), r.get(CITIZEN.POSTCODE),
                r.get(CITIZEN.ASSIGNED_ACCOUNT_ID), r.get("worker", String.class), r.get(CITIZEN.DEVICE_ID),
                AnswerPolicy.fromWire(r.get(CITIZEN.ANSWER_POLICY)), r.get(CITIZEN.AUTO_ANSWER_S),
                callers == null ? List.of() : Arrays.asList(callers), usernames == null ? List.of() : Arrays.asList(usernames),
                r.get(CITIZEN.LATITUDE), r.get(CITIZEN.LONGITUDE),
                r.get(CITIZEN.REMINDER_MINUTES), r.get(CITIZEN.TRAVEL_MINUTES),
                r.get(CITIZEN.TRAVEL_KM) == null ? null : r.get(CITIZEN.TRAVEL_KM).doubleValue(), r.get(CITIZEN.IN_TARGET_GROUP));
    }
}
