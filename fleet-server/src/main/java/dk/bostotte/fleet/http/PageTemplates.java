package dk.bostotte.fleet.http;

import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The console's pages: HTML templates with {@code {{key}}} placeholders: {@code t.*} from the
 * message bundle (Danish by default, English with ?lang=en), everything else escaped as text, so
 * nothing a user typed can become markup.
 */
public final class PageTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z0-9_.-]+)}}");
    private static final Pattern INCLUDE = Pattern.compile("<!--#include ([a-z]+\\.html)-->\n?");
    /** Read from the jar once, not on every request. */
    private static final Map<String, String> TEMPLATES = Stream.of("login.html", "devices.html",
                    "citizens.html", "coverage.html", "device.html", "inventory.html", "audit.html", "users.html", "alerts.html",
                    "report.html")
            .collect(Collectors.toUnmodifiableMap(name -> name, PageTemplates::load));

    private final String mapTilesOrigin;

    /** {@code mapTilesOrigin} is the one outside origin the pages may load images from. */
    public PageTemplates(String mapTilesOrigin) {
        this.mapTilesOrigin = mapTilesOrigin;
    }

    /** Answers with {@code template} filled in from {@code values} and the request's language. */
    public void render(RoutingContext ctx, String template, Map<String, String> values) {
        ResourceBundle bundle = ResourceBundle.getBundle("i18n.console", locale(ctx));
        Matcher m = PLACEHOLDER.matcher(TEMPLATES.get(template));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = key.startsWith("t.") ? bundle.getString(key.substring(2))
                    : key.equals("lang") ? locale(ctx).getLanguage() : values.getOrDefault(key, "");
            m.appendReplacement(out, Matcher.quoteReplacement(escape(value)));
        }
        m.appendTail(out);
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data: " + mapTilesOrigin
                                + "; media-src 'self' blob:; frame-ancestors 'none'")
                // The call view needs the camera and microphone of this origin, nothing else.
                .putHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()")
                .putHeader("X-Content-Type-Options", "nosniff").end(out.toString());
    }

    /** A message in the request's language. */
    public static String text(RoutingContext ctx, String key) {
        return ResourceBundle.getBundle("i18n.console", locale(ctx)).getString(key);
    }

    /** The request's language: Danish unless {@code ?lang=en}. */
    static Locale locale(RoutingContext ctx) {
        String lang = ctx.queryParams().get("lang");
        return "en".equals(lang) ? Locale.ENGLISH : Locale.forLanguageTag("da");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** A template, with {@code <!--#include NAME-->} lines replaced by that file (the shared header). */
    private static String load(String name) {
        try (InputStream in = PageTemplates.class.getResourceAsStream("/console/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher include = INCLUDE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (include.find()) {
                include.appendReplacement(out, Matcher.quoteReplacement(load(include.group(1))));
            }
            return include.appendTail(out).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
