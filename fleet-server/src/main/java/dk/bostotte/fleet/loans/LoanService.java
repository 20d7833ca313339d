package dk.bostotte.fleet.loans;

import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;
import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;
import static dk.bostotte.fleet.db.jooq.Tables.LOAN;

import dk.bostotte.fleet.audit.AuditLog;
import dk.bostotte.fleet.devices.DeviceRegistry;
import dk.bostotte.fleet.devices.DeviceView;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The device lifecycle the municipality manages: enrolled (ready) → loaned to a citizen → returned
 * → loaned again or retired. Each change is one transaction and is audited; a citizen record holds
 * only what the service needs. Blocking.
 */
public final class LoanService {

    /** A device in the inventory with its current loan, if any. */
    public record InventoryItem(String deviceId, String model, String serial, String lifecycle, boolean online,
                                Loan loan) {
    }

    public record Loan(long id, String deviceId, Long citizenId, String citizen, LocalDate startedOn,
                       LocalDate expectedReturn, LocalDate returnedOn, String createdBy, boolean overdue) {
    }

    /** A change the inventory does not allow, said in words; {@code status} is the HTTP status to answer. */
    public static final class LoanRefused extends RuntimeException {
        final int status;

        LoanRefused(int status, String why) {
            super(why);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final DSLContext dsl;
    private final AuditLog audit;
    private final DeviceRegistry registry;
    private final Clock clock;
    private final ZoneId zone;

    /** {@code zone}: the municipality's, which decides the date a loan starts and when one is overdue. */
    public LoanService(DSLContext dsl, AuditLog audit, DeviceRegistry registry, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.audit = audit;
        this.registry = registry;
        this.clock = clock;
        this.zone = zone;
    }

    /** The municipality's date now: a loan made at 00:05 Danish time starts that day. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Takes a device into stock (audited); enrolment later makes it enrolled. */
    public DeviceView stock(String model, String serial, String who) {
        var d = registry.addToStock(model, serial);
        audit.record(who, "device.stock", d.id(), Map.of("model", model, "serial", serial));
        return d;
    }

    public Loan lend(String deviceId, long citizenId, LocalDate startedOn, LocalDate expectedReturn, String who) {
        if (expectedReturn != null && expectedReturn.isBefore(startedOn)) {
            throw new LoanRefused(400, "the expected return is before the start");
        }
        long id = dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            var device = t.selectFrom(DEVICE).where(DEVICE.ID.eq(deviceId)).forUpdate().fetchOptional()
                    .orElseThrow(() -> new LoanRefused(404, "no device " + deviceId));
            if (device.getRevoked() || !List.of("enrolled", "returned").contains(device.getLifecycle())) {
                throw new LoanRefused(409, "device " + deviceId + " is " + (device.getRevoked() ? "blocked" : device.getLifecycle())
                        + ", not ready to lend");
            }
            var citizen = t.selectFrom(CITIZEN).where(CITIZEN.ID.eq(citizenId)).forUpdate().fetchOptional()
                    .orElseThrow(() -> new LoanRefused(404, "no citizen " + citizenId));
            if (citizen.getDeviceId() != null) {
                throw new LoanRefused(409, "the citizen already has device " + citizen.getDeviceId());
            }
            t.update(CITIZEN).set(CITIZEN.DEVICE_ID, deviceId).where(CITIZEN.ID.eq(citizenId)).execute();
            t.update(DEVICE).set(DEVICE.LIFECYCLE, "loaned").where(DEVICE.ID.eq(deviceId)).execute();
            return t.insertInto(LOAN).set(LOAN.DEVICE_ID, deviceId).set(LOAN.CITIZEN_ID, citizenId)
                    .set(LOAN.STARTED_ON, startedOn).set(LOAN.EXPECTED_RETURN, expectedReturn).set(LOAN.CREATED_BY, who)
                    .returning(LOAN.ID).fetchOne().getId();
        });
        audit.record(who, "device.loan", deviceId, Map.of("citizen", citizenId, "startedOn", startedOn.toString(),
                "expectedReturn", expectedReturn == null ? "" : expectedReturn.toString()));
        return history(deviceId).stream().filter(l -> l.id() == id).findFirst().orElseThrow();
    }

    /** Records a citizen's device from the moment the citizen was added with it. */
    public void recordGiven(String deviceId, long citizenId, String who) {
        dsl.transaction(tx -> {
            tx.dsl().update(DEVICE).set(DEVICE.LIFECYCLE, "loaned").where(DEVICE.ID.eq(deviceId)).execute();
            tx.dsl().insertInto(LOAN).set(LOAN.DEVICE_ID, deviceId).set(LOAN.CITIZEN_ID, citizenId)
                    .set(LOAN.STARTED_ON, today()).set(LOAN.CREATED_BY, who).execute();
        });
    }

    public Loan giveBack(String deviceId, LocalDate returnedOn, String who) {
        long id = dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            var loan = t.selectFrom(LOAN).where(LOAN.DEVICE_ID.eq(deviceId)).and(LOAN.RETURNED_ON.isNull()).forUpdate()
                    .fetchOptional().orElseThrow(() -> new LoanRefused(409, "device " + deviceId + " is not on loan"));
            if (returnedOn.isBefore(loan.getStartedOn())) {
                throw new LoanRefused(400, "the return is before the loan started (" + loan.getStartedOn() + ")");
            }
            t.update(LOAN).set(LOAN.RETURNED_ON, returnedOn).where(LOAN.ID.eq(loan.getId())).execute();
            t.update(CITIZEN).set(CITIZEN.DEVICE_ID, (String) null).where(CITIZEN.DEVICE_ID.eq(deviceId)).execute();
            t.update(DEVICE).set(DEVICE.LIFECYCLE, "returned").where(DEVICE.ID.eq(deviceId)).execute();
            return loan.getId();
        });
        audit.record(who, "device.return", deviceId, Map.of("returnedOn", returnedOn.toString()));
        return history(deviceId).stream().filter(l -> l.id() == id).findFirst().orElseThrow();
    }

    public void retire(String deviceId, String who) {
        int n = dsl.update(DEVICE).set(DEVICE.LIFECYCLE, "retired").where(DEVICE.ID.eq(deviceId))
                .and(DEVICE.LIFECYCLE.ne("loaned")).execute();
        if (n == 0) {
            throw new LoanRefused(dsl.fetchExists(DEVICE, DEVICE.ID.eq(deviceId)) ? 409 : 404,
                    "device " + deviceId + " is on loan or does not exist: return it first");
        }
        audit.record(who, "device.retire", deviceId, Map.of());
    }

    public List<Loan> history(String deviceId) {
        return loans(LOAN.DEVICE_ID.eq(deviceId));
    }

    /** Every device with its open loan, newest enrolment first. */
    public List<InventoryItem> inventory() {
        Map<String, Loan> open = new HashMap<>();
        loans(LOAN.RETURNED_ON.isNull()).forEach(l -> open.put(l.deviceId(), l));
        return dsl.select(DEVICE.ID, DEVICE.MODEL, DEVICE.SERIAL, DEVICE.LIFECYCLE, DEVICE.ONLINE).from(DEVICE)
                .orderBy(DEVICE.ENROLLED_AT.desc(), DEVICE.ID).fetch(r -> new InventoryItem(r.value1(), r.value2(), r.value3(),
                        r.value4(), r.value5(), open.get(r.value1())));
    }

    private List<Loan> loans(Condition where) {
        LocalDate today = today();
        return dsl.select(LOAN.asterisk(), CITIZEN.DISPLAY_NAME).from(LOAN).leftJoin(CITIZEN).on(CITIZEN.ID.eq(LOAN.CITIZEN_ID))
                .where(where).orderBy(LOAN.STARTED_ON.desc(), LOAN.ID.desc())
                .fetch(r -> new Loan(r.get(LOAN.ID), r.get(LOAN.DEVICE_ID), r.get(LOAN.CITIZEN_ID), r.get(CITIZEN.DISPLAY_NAME),
                        r.get(LOAN.STARTED_ON), r.get(LOAN.EXPECTED_RETURN), r.get(LOAN.RETURNED_ON), r.get(LOAN.CREATED_BY),
                        r.get(LOAN.RETURNED_ON) == null && r.get(LOAN.EXPECTED_RETURN) != null
                                && r.get(LOAN.EXPECTED_RETURN).isBefore(today)));
    }

}
