package dk.bostotte.fleet.accounts;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the sign-in page sends a person back to: the console page they were on when their session
 * ended. Only a path on this server is accepted ({@code /users?lang=en}), never another site
 * ({@code //evil.example}, {@code https://…}, {@code /\evil.example}), so the sign-in page cannot be
 * used to send someone elsewhere.
 */
final class SignInReturn {

    private static final int MAX_LENGTH = 2000;
    private static final Pattern ENGLISH = Pattern.compile("[?&]lang=en(&|$)");

    private SignInReturn() {
    }

    /** {@code candidate} if it is a local path to go back to after signing in; empty otherwise. */
    static Optional<String> next(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH || !candidate.startsWith("/")
                || candidate.startsWith("//") || candidate.contains("\\")
                || candidate.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(candidate);
            // No scheme or host, and not the sign-in or sign-out itself (which would go round in a circle).
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getPath() == null
                    || uri.getPath().startsWith("/login") || uri.getPath().startsWith("/logout")) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /** The sign-in page that returns to {@code next} (in its language), saying the session ended if {@code expired}. */
    static String loginUrl(String next, boolean expired) {
        StringBuilder url = new StringBuilder("/login");
        String sep = "?";
        if (next(next).isPresent() && !next.equals("/")) {
            url.append(sep).append("next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
            sep = "&";
        }
        if (expired) {
            url.append(sep).append("expired=1");
            sep = "&";
        }
        if (next != null && ENGLISH.matcher(next).find()) {
            url.append(sep).append("lang=en");
        }
        return url.toString();
    }
}
