package dk.bostotte.fleet.visits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvFieldTest {

    @Test
    void quotesWhatMustBeQuotedAndDefusesFormulas() {
        assertEquals("", CsvField.of(null));
        assertEquals("Vera Visit", CsvField.of("Vera Visit"));
        assertEquals("\"Hansen, Vera\"", CsvField.of("Hansen, Vera"));
        assertEquals("\"sagde \"\"hej\"\"\"", CsvField.of("sagde \"hej\""));
        assertEquals("\"to\nlinjer\"", CsvField.of("to\nlinjer"));
        assertEquals("'=HYPERLINK(1)", CsvField.of("=HYPERLINK(1)"), "a spreadsheet must never run a note");
        assertEquals("'-2", CsvField.of("-2"));
    }
}
