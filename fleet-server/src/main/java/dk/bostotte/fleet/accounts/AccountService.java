package dk.bostotte.fleet.accounts;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;

import java.util.Optional;
import org.jooq.DSLContext;

/** Console accounts: creation and password checks. */
public final class AccountService {

    private final DSLContext dsl;
    private final PasswordHasher hasher;

    public AccountService(DSLContext dsl, PasswordHasher hasher) {
        this.dsl = dsl;
        this.hasher = hasher;
    }

    /** Blocking (Argon2 is deliberately slow): call from a worker thread. */
    public Optional<Account> authenticate(String username, char[] password) {
        var r = dsl.selectFrom(ACCOUNT).where(ACCOUNT.USERNAME.eq(username)).and(ACCOUNT.DISABLED.isFalse()).fetchOne();
        if (r == null) {
            hasher.verify(password, DUMMY_HASH); // same work whether or not the user exists
            return Optional.empty();
        }
        if (!hasher.verify(password, r.getPasswordHash())) {
            return Optional.empty();
        }
        return Optional.of(new Account(r.getId(), r.getUsername(), r.getDisplayName(), Role.fromWire(r.getRole())));
    }

    /** Creates the account, or resets its password and role if it exists. */
    public void upsert(String username, String displayName, Role role, char[] password) {
        String hash = hasher.hash(password);
        dsl.insertInto(ACCOUNT).set(ACCOUNT.USERNAME, username).set(ACCOUNT.DISPLAY_NAME, displayName)
                .set(ACCOUNT.ROLE, role.wire()).set(ACCOUNT.PASSWORD_HASH, hash)
                .onConflict(ACCOUNT.USERNAME).doUpdate().set(ACCOUNT.PASSWORD_HASH, hash).set(ACCOUNT.ROLE, role.wire())
                .set(ACCOUNT.DISABLED, false).execute();
    }

    /** The other enabled staff accounts in the same team as {@code accountId}; empty without a team. */
    public java.util.List<Long> teamMates(long accountId) {
        var me = ACCOUNT.as("me");
        return dsl.select(ACCOUNT.ID).from(ACCOUNT).join(me).on(me.TEAM.eq(ACCOUNT.TEAM))
                .where(me.ID.eq(accountId)).and(ACCOUNT.ID.ne(accountId)).and(ACCOUNT.DISABLED.isFalse())
                .and(ACCOUNT.ROLE.eq(Role.STAFF.wire())).fetch(ACCOUNT.ID);
    }

    /** Puts an account in a team (null: none). */
    public void setTeam(String username, String team) {
        dsl.update(ACCOUNT).set(ACCOUNT.TEAM, team).where(ACCOUNT.USERNAME.eq(username)).execute();
    }

    private static final String DUMMY_HASH = new PasswordHasher().hash("not-a-password".toCharArray());
}
