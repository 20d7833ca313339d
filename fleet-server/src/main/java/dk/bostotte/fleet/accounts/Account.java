package dk.bostotte.fleet.accounts;

import java.util.Set;

/** A signed-in console user. */
public record Account(long id, String username, String displayName, Role role) {

    public boolean hasAnyRole(Set<Role> roles) {
        return roles.contains(role);
    }
}
