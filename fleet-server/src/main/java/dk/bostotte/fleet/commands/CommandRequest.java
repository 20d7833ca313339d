package dk.bostotte.fleet.commands;

import dk.bostotte.protocol.message.CommandType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The body of {@code POST /api/devices/{id}/commands}: {@code {"type": "...", "params": {...}, "expiresInS": N}}. */
public record CommandRequest(String type, Map<String, String> params, Integer expiresInS) {

    static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);
    static final int MAX_PARAMS = 32;
    static final int MAX_PARAM_LENGTH = 200;

    /** What is wrong with the request, in words for the caller; empty if nothing. */
    Optional<String> problem() {
        if (type == null || type.isBlank()) {
            return Optional.of("type is required");
        }
        try {
            CommandType.fromWire(type);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (params != null) {
            if (params.size() > MAX_PARAMS) {
                return Optional.of("at most " + MAX_PARAMS + " params, not " + params.size());
            }
            for (Map.Entry<String, String> p : params.entrySet()) {
                if (p.getKey().isBlank() || p.getKey().length() > 64) {
                    return Optional.of("param names have 1 to 64 characters");
                }
                if (p.getValue() == null || p.getValue().length() > MAX_PARAM_LENGTH) {
                    return Optional.of("param " + p.getKey() + " needs a value of at most " + MAX_PARAM_LENGTH + " characters");
                }
            }
        }
        if (expiresInS != null && (expiresInS < 10 || expiresInS > 30 * 86_400)) {
            return Optional.of("expiresInS must be between 10 s and 30 days, not " + expiresInS);
        }
        return Optional.empty();
    }

    CommandType commandType() {
        return CommandType.fromWire(type);
    }

    Map<String, String> paramsOrEmpty() {
        return params == null ? Map.of() : params;
    }

    Duration expiry() {
        return expiresInS == null ? DEFAULT_EXPIRY : Duration.ofSeconds(expiresInS);
    }
}
