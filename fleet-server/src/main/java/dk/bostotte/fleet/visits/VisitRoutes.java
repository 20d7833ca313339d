package dk.bostotte.fleet.visits;

import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.accounts.ApiSecurity;
import dk.bostotte.fleet.accounts.Role;
import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.citizens.CitizenRegistry;
import dk.bostotte.fleet.http.CsvTable;
import dk.bostotte.fleet.http.PathIds;
import dk.bostotte.fleet.http.Period;
import dk.bostotte.fleet.http.Problem;
import dk.bostotte.fleet.http.Responses;
import dk.bostotte.fleet.http.TimeChecks;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The support worker's visits API: book, move and cancel online visits; the contact log (after a
 * call, or by hand) and its CSV export. Staff see and touch only their
 * own citizens; admins everyone's.
 */
public final class VisitRoutes {

    /** {@code overlapConfirmed}: the worker saw that the time clashes with another visit and books it anyway. */
    record AppointmentRequest(String startsAt, Integer minutes, Boolean overlapConfirmed) {

        boolean confirmed() {
            return Boolean.TRUE.equals(overlapConfirmed);
        }
    }

    record ContactRequest(String kind, String happenedAt, Integer minutes, Boolean completed, String noteType, String note) {
    }

    private final Vertx vertx;
    private final Appointments appointments;
    private final Contacts contacts;
    private final AuditLog audit;
    private final Responses responses;
    private final Clock clock;

    public VisitRoutes(Vertx vertx, Appointments appointments, Contacts contacts, AuditLog audit, Responses responses,
                       Clock clock) {
        this.clock = clock;
        this.vertx = vertx;
        this.appointments = appointments;
        this.contacts = contacts;
        this.audit = audit;
        this.responses = responses;
    }

    public void mount(Router router, ApiSecurity security) {
        var workers = security.requireRole(Role.STAFF, Role.ADMIN);
        router.get("/api/appointments").handler(workers).handler(this::listAppointments);
        router.post("/api/citizens/:id/appointments").handler(workers).handler(this::book);
        router.put("/api/appointments/:id").handler(workers).handler(this::move);
        router.delete("/api/appointments/:id").handler(workers).handler(this::cancel);
        router.get("/api/contacts").handler(workers).handler(this::listContacts);
        router.get("/api/contacts.csv").handler(workers).handler(this::exportContacts);
        router.post("/api/citizens/:id/contacts").handler(workers).handler(this::logContact);
        router.post("/api/calls/:id/contact").handler(workers).handler(this::logCall);
    }

    // ------------------------------------------------------------------ appointments

    private void listAppointments(RoutingContext ctx) {
        Account a = ApiSecurity.account(ctx);
        // Default: from now to four weeks ahead.
        Instant now = clock.instant();
        Instant from = param(ctx, "from", now);
        Instant to = param(ctx, "to", now.plus(Duration.ofDays(28)));
        if (from == null || to == null) {
            responses.error(ctx, 400, "from/to must be ISO-8601 instants such as 2026-11-22T10:00:00Z");
            return;
        }
        run(ctx, 200, () -> appointments.between(a, from, to));
    }

    private void book(RoutingContext ctx) {
        Optional<Long> citizen = PathIds.number(ctx, responses, "a citizen id");
        AppointmentRequest r = citizen.isEmpty() ? null : responses.body(ctx, AppointmentRequest.class);
        Optional<Instant> at = r == null ? Optional.empty() : when(ctx, r);
        if (at.isPresent()) {
            Account a = ApiSecurity.account(ctx);
            run(ctx, 201, () -> appointments.book(a, citizen.get(), at.get(), minutes(r), r.confirmed()));
        }
    }

    private void move(RoutingContext ctx) {
        Optional<Long> id = PathIds.number(ctx, responses, "an appointment id");
        AppointmentRequest r = id.isEmpty() ? null : responses.body(ctx, AppointmentRequest.class);
        Optional<Instant> at = r == null ? Optional.empty() : when(ctx, r);
        if (at.isPresent()) {
            Account a = ApiSecurity.account(ctx);
            run(ctx, 200, () -> appointments.move(a, id.get(), at.get(), minutes(r), r.confirmed()));
        }
    }

    private void cancel(RoutingContext ctx) {
        Account a = ApiSecurity.account(ctx);
        PathIds.number(ctx, responses, "an appointment id").ifPresent(id -> run(ctx, 200, () -> appointments.cancel(a, id)));
    }

    /** The start of a visit, checked: present, an instant, not in the past, minutes 5–480; answers 400 otherwise. */
    private Optional<Instant> when(RoutingContext ctx, AppointmentRequest r) {
        Instant at = r.startsAt() == null ? null : instant(r.startsAt());
        if (at == null) {
            responses.error(ctx, 400, "startsAt is required, as an ISO-8601 instant such as 2026-11-24T09:30:00Z");
            return Optional.empty();
        }
        Optional<Problem> problem = r.minutes() != null && (r.minutes() < 5 || r.minutes() > 480)
                ? Optional.of(Problem.outOfRange("minutes", 5, 480)) : TimeChecks.notInPast("startsAt", at, clock.instant());
        problem.ifPresent(p -> responses.problem(ctx, p));
        return problem.isPresent() ? Optional.empty() : Optional.of(at);
    }

    private static int minutes(AppointmentRequest r) {
        return r.minutes() == null ? 30 : r.minutes();
    }

    // ------------------------------------------------------------------ contacts

    private void listContacts(RoutingContext ctx) {
        Account a = ApiSecurity.account(ctx);
        Long citizen;
        try {
            citizen = Optional.ofNullable(ctx.queryParams().get("citizen")).filter(s -> !s.isBlank()).map(Long::valueOf).orElse(null);
        } catch (NumberFormatException e) {
            responses.error(ctx, 400, "citizen must be a citizen id");
            return;
        }
        Period.of(ctx, responses, Duration.ofDays(28)).ifPresent(p -> run(ctx, 200,
                () -> contacts.between(a, p.from(), p.to(), citizen)));
    }

    private void exportContacts(RoutingContext ctx) {
        Account a = ApiSecurity.account(ctx);
        CsvTable table = CsvTable.forRequest(ctx);
        Period.of(ctx, responses, Duration.ofDays(28)).ifPresent(p -> vertx.executeBlocking(() -> {
            String csv = contacts.csv(a, p.from(), p.to(), table);
            audit.record(a.username(), "contact.export", "contacts", Map.of("from", p.from().toString(), "to", p.to().toString()));
            return csv;
        }).onSuccess(csv -> responses.csv(ctx, table.fileName("contacts"), csv)).onFailure(ctx::fail));
    }

    private void logContact(RoutingContext ctx) {
        Optional<Long> citizen = PathIds.number(ctx, responses, "a citizen id");
        ContactRequest r = citizen.isEmpty() ? null : responses.body(ctx, ContactRequest.class);
        if (r == null || !valid(ctx, r, true)) {
            return;
        }
        Instant now = clock.instant();
        Instant at = r.happenedAt() == null ? now : instant(r.happenedAt());
        Optional<Problem> future = TimeChecks.notInFuture("happenedAt", at, now);
        if (future.isPresent()) {
            responses.problem(ctx, future.get());
            return;
        }
        Account a = ApiSecurity.account(ctx);
        run(ctx, 201, () -> contacts.log(a, citizen.get(), r.kind(), at, r.minutes(), r.completed(), r.noteType(), r.note()));
    }

    private void logCall(RoutingContext ctx) {
        Optional<UUID> call = PathIds.uuid(ctx, responses, "a call id");
        ContactRequest r = call.isEmpty() ? null : responses.body(ctx, ContactRequest.class);
        if (r == null || !valid(ctx, r, false)) {
            return;
        }
        Account a = ApiSecurity.account(ctx);
        run(ctx, 201, () -> contacts.logCall(a, call.get(), r.completed(), r.noteType(), r.note()));
    }

    private boolean valid(RoutingContext ctx, ContactRequest r, boolean byHand) {
        String problem = null;
        if (r.completed() == null) {
            problem = "completed is required (true or false)";
        } else if (byHand && (r.kind() == null || !Contact.KINDS.contains(r.kind()))) {
            problem = "kind must be one of " + Contact.KINDS;
        } else if (byHand && r.happenedAt() != null && instant(r.happenedAt()) == null) {
            problem = "happenedAt must be an ISO-8601 instant such as 2026-11-22T10:00:00Z";
        } else if (r.minutes() != null && (r.minutes() < 0 || r.minutes() > 600)) {
            problem = "minutes must be between 0 and 600";
        } else if (r.noteType() != null && !Contact.NOTE_TYPES.contains(r.noteType())) {
            problem = "noteType must be one of " + Contact.NOTE_TYPES;
        } else if (r.note() != null && r.note().length() > Contact.MAX_NOTE) {
            problem = "note must be at most " + Contact.MAX_NOTE + " characters (a short, non-clinical note)";
        }
        if (problem != null) {
            responses.error(ctx, 400, problem);
        }
        return problem == null;
    }

    // ------------------------------------------------------------------ helpers

    /** Runs {@code work} off the event loop; our refusals become their status, anything else a 500. */
    private void run(RoutingContext ctx, int status, Callable<Object> work) {
        vertx.executeBlocking(work).onSuccess(body -> responses.json(ctx, status, body)).onFailure(e -> {
            if (e instanceof Contacts.Refused r) {
                responses.error(ctx, r.status, r.getMessage());
            } else if (e instanceof Appointments.NotYours || e instanceof CitizenRegistry.InvalidCitizenException) {
                responses.error(ctx, e instanceof Appointments.NotYours ? 404 : 400, e.getMessage());
            } else {
                responses.fail(ctx, e);
            }
        });
    }

    /** A query parameter as an instant: {@code absent} when it is not given, null when it is not an instant. */
    private static Instant param(RoutingContext ctx, String name, Instant absent) {
        String v = ctx.queryParams().get(name);
        return v == null || v.isBlank() ? absent : instant(v);
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
