package dk.bostotte.provisioning.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.codec.MessageCodec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The fleet server's device inventory API, as the provisioning CLI uses it. Every failure becomes a {@link FleetInventoryException}. */
public final class FleetInventoryClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_BODY_IN_MESSAGE = 500;

    private final URI server;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new MessageCodec().mapper();

    public FleetInventoryClient(URI server, String user, char[] password) {
        String base = server.toString();
        this.server = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        // Preemptive basic auth: the JDK's Authenticator would first send an unauthenticated request.
        String credentials = user + ":" + new String(password);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    public URI server() {
        return server;
    }

    /** Registers a device; returns the server's device JSON. */
    public Map<String, Object> register(DeviceRegistration registration) {
        return asObject(send("POST", "/api/devices", registration));
    }

    public Map<String, Object> revoke(DeviceId id) {
        String path = "/api/devices/" + id.value() + "/revoke";
        return asObject(send("POST", path, null));
    }

    public List<Map<String, Object>> list() {
        String body = send("GET", "/api/devices", null);
        try {
            return json.readValue(body, new TypeReference<List<Map<String, Object>>>() { });
        } catch (JsonProcessingException e) {
            throw new FleetInventoryException("fleet server " + server + " sent a device list that is not a JSON array: "
                    + abbreviate(body), 200, body, e);
        }
    }

    /** Sends the request; any 2xx is success, so a 200 where 201 was documented does not fail an enrolment. */
    private String send(String method, String path, Object body) {
        String request = method + " " + path;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(body), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FleetInventoryException("cannot reach fleet server at " + server + " (" + request + "): "
                    + describe(e), -1, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetInventoryException("interrupted while calling " + server + " (" + request + ")", -1, null, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new FleetInventoryException("fleet server " + server + " refused " + request + ": HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()), response.statusCode(), response.body(), null);
        }
        return response.body();
    }

    private Map<String, Object> asObject(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            // The server did what we asked; an odd reply body is no reason to report failure.
            return Map.of();
        }
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body", e);
        }
    }

    /** The JDK's ConnectException and timeouts often carry no message; say what they mean instead. */
    private static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused or host unreachable" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
