package dk.bostotte.fleet.accounts;

/** The demo's four accounts, one per role, all with the same password. */
public final class DemoAccounts {

    private DemoAccounts() {
    }

    public static void create(AccountService accounts, String password) {
        if (password.length() < 8) {
            throw new IllegalArgumentException("demo.password must have at least 8 characters");
        }
        char[] pw = password.toCharArray();
        accounts.upsert("admin", "Administrator", Role.ADMIN, pw);
        accounts.upsert("support", "IT-support", Role.SUPPORT, pw);
        accounts.upsert("staff", "Bostøttemedarbejder", Role.STAFF, pw);
        accounts.upsert("manager", "Leder", Role.MANAGER, pw);
        accounts.setTeam("staff", "Team Nord");
    }
}
