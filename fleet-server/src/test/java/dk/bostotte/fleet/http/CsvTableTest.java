package dk.bostotte.fleet.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What a Danish (and an English) Excel needs to open a file as the table it is. */
class CsvTableTest {

    private static final Locale DANISH = Locale.forLanguageTag("da");

    @Test
    void aDanishFileStartsWithAByteOrderMarkAndUsesSemicolonsDecimalCommasAndDanishWords() {
        CsvTable t = CsvTable.in(DANISH).header("contacts.date", "contacts.minutes", "contacts.completed");
        t.row("2026-11-20", 1.5, true).row("2026-11-21", 10, false);
        byte[] bytes = t.bytes();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 with a BOM");
        assertEquals("\uFEFFDato;Minutter;Gennemført\r\n2026-11-20;1,5;ja\r\n2026-11-21;10;nej\r\n", t.text());
    }

    @Test
    void anEnglishFileUsesCommasDecimalPointsAndEnglishWords() {
        CsvTable t = CsvTable.in(Locale.ENGLISH).header("contacts.date", "contacts.minutes", "contacts.completed");
        t.row("2026-11-20", 1.5, true).row("2026-11-21", 35.0, false);
        assertEquals("\uFEFFdate,minutes,completed\r\n2026-11-20,1.5,yes\r\n2026-11-21,35.0,no\r\n", t.text());
    }

    @Test
    void cellsAreQuotedWhenTheyHoldTheSeparatorAQuoteOrALineBreak() {
        CsvTable da = CsvTable.in(DANISH);
        assertEquals("\"Hansen; Vera\"", da.cell("Hansen; Vera"));
        assertEquals("Hansen, Vera", da.cell("Hansen, Vera"), "a comma is no separator in a Danish file");
        assertEquals("\"sagde \"\"hej\"\"\"", da.cell("sagde \"hej\""));
        assertEquals("\"to\nlinjer\"", da.cell("to\nlinjer"));
        assertEquals("\"to\r\nlinjer\"", da.cell("to\r\nlinjer"));
        assertEquals("", da.cell(null));
        CsvTable en = CsvTable.in(Locale.ENGLISH);
        assertEquals("\"Hansen, Vera\"", en.cell("Hansen, Vera"));
        assertEquals("Hansen; Vera", en.cell("Hansen; Vera"));
    }

    @Test
    void aCellThatASpreadsheetWouldRunIsDefusedAndQuoted() {
        CsvTable t = CsvTable.in(DANISH);
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", t.cell("=HYPERLINK(\"http://x\")"), "a spreadsheet must never run a note");
        assertEquals("\"'+45 7011 2233\"", t.cell("+45 7011 2233"));
        assertEquals("\"'-2\"", t.cell("-2"));
        assertEquals("\"'@SUM(A1)\"", t.cell("@SUM(A1)"));
        assertEquals("\"'\t=1\"", t.cell("\t=1"));
        assertEquals("\"'\r=1\"", t.cell("\r=1"));
        assertEquals("a=1", t.cell("a=1"), "only a leading sign starts a formula");
        assertEquals("-2", t.cell(-2), "a number stays a number");
        assertEquals("-2,5", t.cell(-2.5));
    }

    @Test
    void numbersAreWrittenInFullWithoutExponentsAndNothingForNotANumber() {
        CsvTable t = CsvTable.in(DANISH);
        assertEquals("12345678,9", t.cell(12345678.9));
        assertEquals("0,0001", t.cell(0.0001));
        assertEquals("", t.cell(Double.NaN));
        assertEquals("1416,67", t.cell(1416.67));
    }

    @Test
    void theFileNameIsInTheFilesLanguage() {
        assertEquals("kontakter.csv", CsvTable.in(DANISH).fileName("contacts"));
        assertEquals("contacts.csv", CsvTable.in(Locale.ENGLISH).fileName("contacts"));
        assertTrue(CsvTable.in(DANISH).text().startsWith("\uFEFF"));
    }
}
