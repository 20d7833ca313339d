package dk.bostotte.fleet.citizens;

import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.http.PathIds;
import dk.bostotte.fleet.http.Problem;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.fleet.loans.LoanService;
import dk.bostotte.fleet.netq.ConnectionVerdicts;
import dk.bostotte.fleet.netq.LineFigures;
import dk.bostotte.fleet.netq.Verdict;
import dk.bostotte.fleet.presence.PresenceService;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.AnswerPolicy;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/** Citizens' JSON API: a worker lists their own citizens (with the device's online state); admins add citizens. */
public final class CitizenRoutes {

    /** What an admin sends to add a citizen; only {@code displayName} is required. */
    public record NewCitizen(String displayName, String postcode, String assignedTo, String deviceId,
                             String answerPolicy, Integer autoAnswerS, List<String> autoAnswerCallers,
                             Double latitude, Double longitude) {
    }

    /** How the citizen's device answers: ring (default), or auto-answer calls from the listed accounts. */
    public record AnswerPolicyChange(String answerPolicy, Integer autoAnswerS, List<String> autoAnswerCallers) {
    }

    /** A citizen with whether the loaned device is connected now and whether its line carries video. */
    /**
     * A row of "Mine borgere": the citizen, their device's state and line, the next booked visit,
     * and the pre-call check — null when a call should work, else why it is unlikely to
     * ({@code no-device}, {@code offline}, {@code locked}, {@code audio-only}, {@code insufficient}).
     */
    public record CitizenView(Citizen citizen, boolean deviceOnline, ConnectionVerdicts.DeviceVerdict line,
                              Instant lastSeen, boolean locked, NextVisit nextVisit, String precheck) {
    }

    private static final ConnectionVerdicts.DeviceVerdict UNKNOWN = new ConnectionVerdicts.DeviceVerdict(
            Verdict.UNKNOWN, new LineFigures(0, null, null, null, null, null));

    private final Vertx vertx;
    private final CitizenRegistry citizens;
    private final PresenceService presence;
    private final AuditLog audit;
    private final Responses responses;
    private final ConnectionVerdicts verdicts;

    private final LoanService loans;
    private final LongConsumer citizenChanged;

    /** {@code citizenChanged} hears of each change the citizen's kiosk shows (their worker). */
    public CitizenRoutes(Vertx vertx, CitizenRegistry citizens, PresenceService presence, ConnectionVerdicts verdicts,
                         AuditLog audit, Responses responses, LoanService loans, LongConsumer citizenChanged) {
        this.loans = loans;
        this.citizenChanged = citizenChanged;
        this.vertx = vertx;
        this.citizens = citizens;
        this.presence = presence;
        this.verdicts = verdicts;
        this.audit = audit;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        router.get("/api/citizens").handler(security.requireRole(Role.STAFF, Role.SUPPORT, Role.ADMIN)).handler(this::list);
        router.post("/api/citizens").handler(security.requireRole(Role.ADMIN)).handler(this::create);
        var workers = security.requireRole(Role.STAFF, Role.ADMIN);
        router.put("/api/citizens/:id/answer-policy").handler(workers).handler(this::answerPolicy);
        router.put("/api/citizens/:id/visit-settings").handler(workers).handler(this::visitSettings);
        router.put("/api/citizens/:id/settings").handler(workers).handler(this::settings);
        router.put("/api/citizens/:id/assignee").handler(security.requireRole(Role.ADMIN)).handler(this::assign);
    }

    /** The body of an assignment: the worker's username. */
    record Assignee(String username) {
    }

    /** An admin assigns the citizen to a support worker; audited. */
    private void assign(RoutingContext ctx) {
        Optional<Long> parsed = PathIds.number(ctx, responses, "a citizen id");
        if (parsed.isEmpty()) {
            return;
        }
        long id = parsed.get();
        Assignee a = responses.body(ctx, Assignee.class);
        if (a == null) {
            return;
        }
        if (a.username() == null || a.username().isBlank()) {
            responses.error(ctx, 400, "username is required");
            return;
        }
        String who = ApiSecurity.account(ctx).username();
        vertx.executeBlocking(() -> {
            Optional<Citizen> c = citizens.assign(id, a.username().trim());
            c.ifPresent(x -> {
                audit.record(who, "citizen.assign", Long.toString(id), Map.of("assignedTo", a.username().trim()));
                citizenChanged.accept(id);
            });
            return c;
        }).onSuccess(c -> {
            if (c.isEmpty()) {
                responses.error(ctx, 404, "no citizen " + id);
            } else {
                responses.json(ctx, 200, c.get());
            }
        }).onFailure(e -> {
            if (e instanceof CitizenRegistry.InvalidCitizenException) {
                responses.error(ctx, 400, e.getMessage());
            } else {
                ctx.fail(e);
            }
        });
    }

    private void list(RoutingContext ctx) {
        Account a = ApiSecurity.account(ctx);
        vertx.executeBlocking(() -> {
            List<Citizen> list = citizens.list(a.role() == Role.STAFF ? a.id() : null);
            var lines = verdicts.of(list.stream().map(Citizen::deviceId).filter(Objects::nonNull).toList());
            var devices = citizens.deviceStates(list);
            var visits = citizens.nextVisits(list, Instant.now());
            return list.stream().map(c -> {
                boolean online = c.deviceId() != null && presence.isOnline(new DeviceId(c.deviceId()));
                var line = c.deviceId() == null ? null : lines.getOrDefault(c.deviceId(), UNKNOWN);
                var device = devices.get(c.deviceId());
                boolean locked = device != null && device.locked();
                return new CitizenView(c, online, line, device == null ? null : device.lastSeen(), locked,
                        visits.get(c.id()), precheck(c, online, locked, line));
            }).toList();
        }).onSuccess(views -> responses.json(ctx, 200, views)).onFailure(ctx::fail);
    }

    /** Before the worker presses "Ring op": why a call would not work, or null. */
    static String precheck(Citizen c, boolean online, boolean locked, ConnectionVerdicts.DeviceVerdict line) {
        if (c.deviceId() == null) {
            return "no-device";
        }
        if (!online) {
            return "offline";
        }
        if (locked) {
            return "locked";
        }
        if (line != null && line.verdict() == Verdict.AUDIO_ONLY) {
            return "audio-only";
        }
        if (line != null && line.verdict() == Verdict.INSUFFICIENT) {
            return "insufficient";
        }
        return null;
    }

    private void create(RoutingContext ctx) {
        NewCitizen n = responses.body(ctx, NewCitizen.class);
        if (n == null) {
            return;
        }
        Optional<String> problem = problem(n);
        if (problem.isPresent()) {
            responses.error(ctx, 400, problem.get());
            return;
        }
        String device = n.deviceId() == null ? null : DeviceId.parse(n.deviceId()).orElseThrow().value();
        Account a = ApiSecurity.account(ctx);
        vertx.executeBlocking(() -> {
            Citizen c = citizens.create(n.displayName().trim(), n.postcode(), n.assignedTo(), device,
                    n.answerPolicy() == null ? AnswerPolicy.RING : AnswerPolicy.fromWire(n.answerPolicy()),
                    n.autoAnswerS() == null ? 10 : n.autoAnswerS(),
                    n.autoAnswerCallers() == null ? List.of() : n.autoAnswerCallers(), n.latitude(), n.longitude());
            audit.record(a.username(), "citizen.create", Long.toString(c.id()),
                    Map.of("deviceId", String.valueOf(device), "assignedTo", String.valueOf(n.assignedTo())));
            if (device != null) {
                loans.recordGiven(device, c.id(), a.username()); // added with a device: that is a loan from today
                citizenChanged.accept(c.id());
            }
            return c;
        }).onSuccess(c -> responses.json(ctx, 201, c)).onFailure(e -> {
            if (e instanceof CitizenRegistry.InvalidCitizenException) {
                responses.error(ctx, 400, e.getMessage());
            } else {
                ctx.fail(e);
            }
        });
    }

    /** The answer policy alone (the API's older form of {@link #settings}); the policy is required. */
    private void answerPolicy(RoutingContext ctx) {
        AnswerPolicyChange c = responses.body(ctx, AnswerPolicyChange.class);
        if (c != null && AnswerPolicy.parse(c.answerPolicy()).isEmpty()) {
            responses.problem(ctx, new Problem(400, Problem.INVALID_CHOICE, "answerPolicy",
                    "answerPolicy must be " + AnswerPolicy.spellings()));
        } else if (c != null) {
            save(ctx, new SettingsChange(c.answerPolicy(), c.autoAnswerS() == null ? 10 : c.autoAnswerS(),
                    c.autoAnswerCallers(), null, null, null, null));
        }
    }

    /** The visit settings alone (reminder, drive, target group), the API's older form of {@link #settings}. */
    private void visitSettings(RoutingContext ctx) {
        SettingsChange c = responses.body(ctx, SettingsChange.class);
        if (c != null) {
            save(ctx, new SettingsChange(null, null, null, c.reminderMinutes(), c.travelMinutes(), c.travelKm(),
                    c.inTargetGroup()));
        }
    }

    /** The whole Indstillinger dialog in one request: saved together, or nothing is (the retry then works). */
    private void settings(RoutingContext ctx) {
        SettingsChange c = responses.body(ctx, SettingsChange.class);
        if (c != null) {
            save(ctx, c);
        }
    }

    /**
     * The citizen's worker (or an admin) saves {@code change}: checked in full, then written at once;
     * each kind of change audited (the answer policy only when it changes) and passed to the kiosk.
     */
    private void save(RoutingContext ctx, SettingsChange change) {
        Optional<Long> path = PathIds.number(ctx, responses, "a citizen id");
        if (path.isEmpty()) {
            return;
        }
        long id = path.get();
        Optional<Problem> problem = change.problem();
        if (problem.isPresent()) {
            responses.problem(ctx, problem.get());
            return;
        }
        Account a = ApiSecurity.account(ctx);
        if (change.inTargetGroup() != null && a.role() != Role.ADMIN) {
            responses.problem(ctx, new Problem(403, "admin-only", "inTargetGroup",
                    "only an administrator decides who is in the target group"));
            return;
        }
        vertx.executeBlocking(() -> {
            Optional<Citizen> c = citizens.find(id);
            if (c.isEmpty() || (a.role() == Role.STAFF && !Long.valueOf(a.id()).equals(c.get().assignedAccountId()))) {
                return Optional.<Citizen>empty();
            }
            boolean policyChanged = change.changesPolicyOf(c.get());
            Citizen updated = citizens.saveSettings(c.get(), change);
            if (policyChanged) {
                audit.record(a.username(), "citizen.answer-policy", Long.toString(id), Map.of("answerPolicy",
                        updated.answerPolicy().wire(), "autoAnswerS", updated.autoAnswerS(), "autoAnswerCallers",
                        updated.autoAnswerUsernames()));
            }
            if (change.reminderMinutes() != null || change.travelMinutes() != null || change.travelKm() != null
                    || change.inTargetGroup() != null) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("reminderMinutes", updated.reminderMinutes());
                detail.put("travelMinutes", updated.travelMinutes());
                detail.put("travelKm", updated.travelKm());
                detail.put("inTargetGroup", updated.inTargetGroup());
                audit.record(a.username(), "citizen.visit-settings", Long.toString(id), detail);
            }
            citizenChanged.accept(id);
            return Optional.of(updated);
        }).onSuccess(c -> {
            if (c.isEmpty()) {
                responses.error(ctx, 404, "no citizen " + id + " of yours");
            } else {
                responses.json(ctx, 200, c.get());
            }
        }).onFailure(e -> {
            if (e instanceof CitizenRegistry.InvalidCitizenException) {
                responses.error(ctx, 400, e.getMessage());
            } else {
                responses.fail(ctx, e);
            }
        });
    }

    private static Optional<String> problem(NewCitizen n) {
        if (n.displayName() == null || n.displayName().isBlank() || n.displayName().length() > 200) {
            return Optional.of("displayName is required (at most 200 characters)");
        }
        if (n.postcode() != null && !n.postcode().matches("\\d{4}")) {
            return Optional.of("postcode must be four digits");
        }
        if (n.deviceId() != null && DeviceId.parse(n.deviceId()).isEmpty()) {
            return Optional.of("deviceId '" + n.deviceId() + "' is not a device id");
        }
        if (n.answerPolicy() != null && AnswerPolicy.parse(n.answerPolicy()).isEmpty()) {
            return Optional.of("answerPolicy must be " + AnswerPolicy.spellings());
        }
        if ((n.latitude() == null) != (n.longitude() == null)) {
            return Optional.of("latitude and longitude go together");
        }
        if (n.latitude() != null && (!(Math.abs(n.latitude()) <= 90) || !(Math.abs(n.longitude()) <= 180))) {
            return Optional.of("latitude must be within ±90 and longitude within ±180");
        }
        if (n.autoAnswerS() != null && (n.autoAnswerS() < 3 || n.autoAnswerS() > 120)) {
            return Optional.of("autoAnswerS must be between 3 and 120");
        }
        return Optional.empty();
    }
}
