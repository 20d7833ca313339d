package dk.bostotte.fleet.accounts;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** A signed-in console user. */
public record Account(long id, String username, String displayName, Role role) {

    public boolean hasAnyRole(Set<Role> roles) {
        return roles.contains(role);
    }

    /** As a session keeps it: plain JSON, which the session store can write to the database and read back. */
    JsonObject toJson() {
        return new JsonObject().put("id", id).put("username", username).put("displayName", displayName).put("role", role.wire());
    }

    static Account fromJson(JsonObject json) {
        return new Account(json.getLong("id"), json.getString("username"), json.getString("displayName"),
                Role.fromWire(json.getString("role")));
    }
}
