package dk.bostotte.fleet.broker.auth;

import dk.bostotte.protocol.Topics;
import java.util.Set;

/** The outcome of a connect: who the client is and what it may do, or why it is refused. */
public sealed interface AccessDecision {

    enum Role { DEVICE, OPERATOR }

    record Granted(Role role, String clientId, Set<String> publishTopics, Set<String> subscribeFilters)
            implements AccessDecision {

        public boolean mayPublish(String topic) {
            return publishTopics.contains(topic);
        }

        /** Exactly an allowed filter, or a concrete topic that one of them covers. */
        public boolean maySubscribe(String filter) {
            if (subscribeFilters.contains(filter)) {
                return true;
            }
            if (filter.contains("+") || filter.contains("#") || filter.startsWith("$share/")) {
                return false;
            }
            return subscribeFilters.stream().anyMatch(f -> Topics.matches(f, filter));
        }
    }

    record Refused(String reason) implements AccessDecision {
    }
}
