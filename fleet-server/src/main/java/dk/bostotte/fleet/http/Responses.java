package dk.bostotte.fleet.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** JSON responses written with the protocol's mapper, so the API and MQTT agree on dates and nulls. */
public final class Responses {

    private final ObjectMapper json;

    public Responses(ObjectMapper json) {
        this.json = json;
    }

    public ObjectMapper mapper() {
        return json;
    }

    public void json(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Cache-Control", "no-store").end(Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /** A CSV download named {@code fileName} (a {@link CsvTable}'s text); never cached, since it holds people's data. */
    public void csv(RoutingContext ctx, String fileName, String body) {
        download(ctx, "text/csv; charset=utf-8", fileName, Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Several files in one download (for example one CSV per table of a report). */
    public void zip(RoutingContext ctx, String fileName, byte[] body) {
        download(ctx, "application/zip", fileName, Buffer.buffer(body));
    }

    private static void download(RoutingContext ctx, String type, String fileName, Buffer body) {
        // The name may be Danish (æøå): RFC 6266's filename* carries it, the plain one an ASCII fallback.
        String ascii = fileName.replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.response().putHeader("Content-Type", type)
                .putHeader("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .putHeader("Cache-Control", "no-store").end(body);
    }

    /**
     * An error body that says what was wrong: {@code {"error": "...", "code": "..."}}. The English
     * {@code error} is for IT support and scripts; the console says the {@code code} in the person's
     * language. Without a more precise code, the code says what kind of refusal it is.
     */
    public void error(RoutingContext ctx, int status, String message) {
        error(ctx, status, codeOf(status), message);
    }

    /** As {@link #error(RoutingContext, int, String)}, with a code the console has its own words for. */
    public void error(RoutingContext ctx, int status, String code, String message) {
        problem(ctx, new Problem(status, code, null, message));
    }

    /** The code of a refusal that has none of its own, from its HTTP status. */
    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "signed-out";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 429 -> "too-many";
            default -> status >= 500 ? "failed" : "refused";
        };
    }

    /** A refusal with a code and field the console translates, and the English detail for IT support. */
    public void problem(RoutingContext ctx, Problem p) {
        json(ctx, p.status(), p.body());
    }

    /** Answers a {@link Problem.Refusal} as its problem; anything else fails the request (a 500). */
    public void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof Problem.Refusal r) {
            problem(ctx, r.problem());
        } else {
            ctx.fail(e);
        }
    }

    /** Reads a JSON body into {@code type}; on failure answers 400 naming the problem and returns null. */
    public <T> T body(RoutingContext ctx, Class<T> type) {
        try {
            String body = ctx.body() == null ? null : ctx.body().asString();
            if (body == null || body.isBlank()) {
                error(ctx, 400, "a JSON body is required");
                return null;
            }
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            error(ctx, 400, "invalid JSON body: " + e.getOriginalMessage());
            return null;
        }
    }
}
