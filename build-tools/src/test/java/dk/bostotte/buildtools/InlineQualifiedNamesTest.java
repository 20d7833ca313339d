package dk.bostotte.buildtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Main code names other classes through imports, so a reader sees a file's dependencies at its
 * top: a fully-qualified class name inline in code fails. Strings, comments (javadoc links too),
 * and the package and import lines are not code here; where two classes share a simple name, the
 * one not imported keeps its qualified name.
 */
class InlineQualifiedNamesTest {

    /** A qualified name starts with a lower-case package of one of these roots and ends in a type. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.$])((?:java|javax|jakarta|jdk|sun|dk|org|com|io|net|ch|info|picocli)(?:\\.[a-z_]\\w*)+)\\.([A-Z]\\w*)");
    private static final Pattern PACKAGE_OR_IMPORT = Pattern.compile("(?m)^\\s*(?:package|import)\\b[^;]*;");

    @Test
    void aQualifiedNameIsAllowedOnlyWhereItsSimpleNameIsTaken() {
        String source = "import org.slf4j.Logger;\nimport java.util.List;\nclass A { java.util.logging.Logger l; }";
        assertTrue(importsAnother(source, "java.util.logging.Logger", "Logger"));
        assertFalse(importsAnother(source, "java.util.List", "List"), "List is imported as itself: use it");
        assertFalse(importsAnother(source, "java.util.Map", "Map"));
    }

    @Test
    void mainCodeImportsWhatItNames() throws IOException {
        Path root = repositoryRoot();
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java"))
                            .sorted().forEach(f -> found.addAll(qualifiedNames(root, f)));
                }
            }
        }
        assertEquals("", String.join("\n", found), "import these instead of naming them inline");
    }

    private static List<String> qualifiedNames(Path root, Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String code = blankLines(PACKAGE_OR_IMPORT, codeOnly(source));
        List<String> out = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) {
            if (importsAnother(source, m.group(1) + "." + m.group(2), m.group(2))) {
                continue; // two types of one simple name (slf4j's and java.util.logging's Logger): one stays qualified
            }
            long line = code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            out.add(root.relativize(file) + ":" + line + ": " + m.group());
        }
        return out;
    }

    /** Whether {@code source} imports a type named {@code simpleName} other than {@code qualified}. */
    static boolean importsAnother(String source, String qualified, String simpleName) {
        Matcher i = Pattern.compile("(?m)^import\\s+([\\w.]+\\." + Pattern.quote(simpleName) + ")\\s*;").matcher(source);
        while (i.find()) {
            if (!i.group(1).equals(qualified)) {
                return true;
            }
        }
        return false;
    }

    /** The source with comments, strings, text blocks and char literals blanked; lines stay where they were. */
    static String codeOnly(String s) {
        StringBuilder out = new StringBuilder(s);
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? -1 : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? -1 : end + 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                end = i + 1;
                while (end < s.length() && s.charAt(end) != s.charAt(i)) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, s.length());
            } else {
                i++;
                continue;
            }
            end = end < 0 ? s.length() : end;
            blank(out, i, end);
            i = end;
        }
        return out.toString();
    }

    private static String blankLines(Pattern p, String s) {
        StringBuilder out = new StringBuilder(s);
        Matcher m = p.matcher(s);
        while (m.find()) {
            blank(out, m.start(), m.end());
        }
        return out.toString();
    }

    private static void blank(StringBuilder s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) != '\n') {
                s.setCharAt(k, ' ');
            }
        }
    }

    /** Up from the working directory to the one whose pom.xml lists the modules. */
    private static Path repositoryRoot() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                return p;
            }
        }
        throw new IllegalStateException("no parent pom.xml above " + Path.of("").toAbsolutePath());
    }
}
