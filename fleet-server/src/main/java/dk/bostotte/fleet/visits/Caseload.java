package dk.bostotte.fleet.visits;

import static dk.bostotte.fleet.db.jooq.Tables.CITIZEN;

import dk.bostotte.fleet.accounts.Account;
import dk.bostotte.fleet.accounts.Role;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Whose citizens an account works with: a support worker only their own, an admin everyone's.
 * Every visit and contact query is narrowed by this, so a worker cannot see another's citizens in
 * the list, the API or the export.
 */
public final class Caseload {

    private Caseload() {
    }

    /** The condition on {@code citizen} that selects the citizens {@code account} may handle. */
    public static Condition of(Account account) {
        return switch (account.role()) {
            case ADMIN -> DSL.noCondition();
            case STAFF -> CITIZEN.ASSIGNED_ACCOUNT_ID.eq(account.id());
            default -> DSL.falseCondition();
        };
    }

    /** Whether citizen {@code citizenId} exists and is one {@code account} may handle. */
    public static boolean includes(DSLContext dsl, Account account, long citizenId) {
        return dsl.fetchExists(CITIZEN, CITIZEN.ID.eq(citizenId).and(of(account)));
    }

    public static boolean includes(Account account, Long assignedAccountId) {
        return account.role() == Role.ADMIN || account.role() == Role.STAFF && Long.valueOf(account.id()).equals(assignedAccountId);
    }
}
