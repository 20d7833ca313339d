package dk.bostotte.fleet.http;

import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * One table as a CSV file that opens as a table in a spreadsheet (RFC 4180 quoting, CRLF lines).
 * Danish (the default) is what a Danish Excel expects: a byte-order mark so it reads UTF-8,
 * semicolons between cells and decimal commas, headers and words from the console's bundle.
 * English ({@code ?lang=en}) has commas and decimal points, with the same byte-order mark.
 * A text cell that begins with {@code = + - @}, a tab or a carriage return is defused with a
 * leading apostrophe and quoted (OWASP's advice on CSV injection), so a spreadsheet never runs a
 * citizen's name or a note as a formula; numbers are written as numbers, so a negative one stays one.
 */
public final class CsvTable {

    static final char BOM = '\uFEFF';
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Locale locale;
    private final ResourceBundle words;
    private final char separator;
    private final char decimal;
    private final StringBuilder out = new StringBuilder().append(BOM);

    private CsvTable(Locale locale) {
        this.locale = locale;
        this.words = ResourceBundle.getBundle("i18n.console", locale);
        boolean danish = "da".equals(locale.getLanguage());
        this.separator = danish ? ';' : ',';
        this.decimal = danish ? ',' : '.';
    }

    /** A table in the request's language: Danish unless {@code ?lang=en}. */
    public static CsvTable forRequest(RoutingContext ctx) {
        return new CsvTable(PageTemplates.locale(ctx));
    }

    /** A table in {@code locale}'s form (Danish for {@code da}, else English). */
    public static CsvTable in(Locale locale) {
        return new CsvTable(locale);
    }

    /** A word or heading from the console's bundle: {@code csv.<key>}. */
    public String word(String key) {
        return words.getString("csv." + key);
    }

    /** The header row: each column's heading is the bundle's {@code csv.<key>}. */
    public CsvTable header(String... keys) {
        Object[] headings = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            headings[i] = word(keys[i]);
        }
        return row(headings);
    }

    /** A header row of headings already in words (for columns that carry data, such as a week). */
    public CsvTable row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
        return this;
    }

    /** A yes/no in words. */
    public String yesNo(boolean b) {
        return word(b ? "yes" : "no");
    }

    /** The file's name in this language: {@code csv.file.<key>} and ".csv". */
    public String fileName(String key) {
        return word("file." + key) + ".csv";
    }

    public Locale locale() {
        return locale;
    }

    /** The whole file, byte-order mark first. */
    public String text() {
        return out.toString();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return number(value);
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Boolean b) {
            return yesNo(b);
        }
        return text(value.toString());
    }

    private String number(Object value) {
        if (!(value instanceof BigDecimal) && !Double.isFinite(((Number) value).doubleValue())) {
            return "";
        }
        String plain;
        if (value instanceof BigDecimal b) {
            plain = b.toPlainString();
        } else {
            // As Java writes it (35.0, 0.75), but never in exponent form, which a spreadsheet reads as text.
            String shortest = value instanceof Float f ? Float.toString(f) : Double.toString(((Number) value).doubleValue());
            plain = shortest.contains("E") ? new BigDecimal(shortest).stripTrailingZeros().toPlainString() : shortest;
        }
        return plain.replace('.', decimal);
    }

    private String text(String s) {
        boolean formula = !s.isEmpty() && FORMULA_STARTS.indexOf(s.charAt(0)) >= 0;
        String v = formula ? "'" + s : s;
        boolean quote = formula || v.indexOf(separator) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0
                || v.indexOf('\n') >= 0;
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
