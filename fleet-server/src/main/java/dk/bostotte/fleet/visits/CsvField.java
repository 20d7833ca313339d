package dk.bostotte.fleet.visits;

/** One CSV field (RFC 4180): quoted when it must be; a leading =, +, - or @ is defused so a spreadsheet never runs it. */
public final class CsvField {

    private CsvField() {
    }

    public static String of(String s) {
        if (s == null) {
            return "";
        }
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.contains("\"") || v.contains(",") || v.contains("\r") || v.contains("\n")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
