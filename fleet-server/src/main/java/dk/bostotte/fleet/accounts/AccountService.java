package dk.bostotte.fleet.accounts;

import static dk.bostotte.fleet.db.jooq.Tables.ACCOUNT;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    public List<Long> teamMates(long accountId) {
        var me = ACCOUNT.as("me");
        return dsl.select(ACCOUNT.ID).from(ACCOUNT).join(me).on(me.TEAM.eq(ACCOUNT.TEAM))
                .where(me.ID.eq(accountId)).and(ACCOUNT.ID.ne(accountId)).and(ACCOUNT.DISABLED.isFalse())
                .and(ACCOUNT.ROLE.eq(Role.STAFF.wire())).fetch(ACCOUNT.ID);
    }

    /** An account as the users page shows it; never its password hash. */
    public record UserView(long id, String username, String displayName, String role, String team, boolean disabled,
                           Instant createdAt) {
    }

    public List<UserView> list() {
        return dsl.selectFrom(ACCOUNT).orderBy(ACCOUNT.USERNAME).fetch(r -> new UserView(r.getId(), r.getUsername(),
                r.getDisplayName(), r.getRole(), r.getTeam(), r.getDisabled(), r.getCreatedAt().toInstant()));
    }

    /** Creates an account; empty if the username is taken. Blocking (hashes the password). */
    public Optional<UserView> create(String username, String displayName, Role role, String team, char[] password) {
        String hash = hasher.hash(password);
        return dsl.insertInto(ACCOUNT).set(ACCOUNT.USERNAME, username).set(ACCOUNT.DISPLAY_NAME, displayName)
                .set(ACCOUNT.ROLE, role.wire()).set(ACCOUNT.TEAM, team).set(ACCOUNT.PASSWORD_HASH, hash)
                .onConflictDoNothing().returning().fetchOptional()
                .map(r -> new UserView(r.getId(), r.getUsername(), r.getDisplayName(), r.getRole(), r.getTeam(),
                        r.getDisabled(), r.getCreatedAt().toInstant()));
    }

    /** Disables (signed-in sessions end at their next request) or enables an account; false if there is none. */
    public boolean setDisabled(long id, boolean disabled) {
        boolean found = dsl.update(ACCOUNT).set(ACCOUNT.DISABLED, disabled).where(ACCOUNT.ID.eq(id)).execute() > 0;
        if (found) {
            if (disabled) {
                disabledIds.add(id);
            } else {
                disabledIds.remove(id);
            }
        }
        return found;
    }

    /** Sets a new password; false if there is no such account. Blocking. */
    public boolean resetPassword(long id, char[] password) {
        return dsl.update(ACCOUNT).set(ACCOUNT.PASSWORD_HASH, hasher.hash(password)).where(ACCOUNT.ID.eq(id)).execute() > 0;
    }

    /** Whether the account was disabled since start-up or before: checked on every request of a session. */
    public boolean isDisabled(long id) {
        return disabledIds.contains(id);
    }

    private final Set<Long> disabledIds = ConcurrentHashMap.newKeySet();

    /** Loads the disabled accounts once at start-up. */
    public AccountService loadDisabled() {
        disabledIds.addAll(dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.DISABLED.isTrue()).fetch(ACCOUNT.ID));
        return this;
    }

    /** Puts an account in a team (null: none). */
    public void setTeam(String username, String team) {
        dsl.update(ACCOUNT).set(ACCOUNT.TEAM, team).where(ACCOUNT.USERNAME.eq(username)).execute();
    }

    private static final String DUMMY_HASH = new PasswordHasher().hash("not-a-password".toCharArray());
}
