package dk.bostotte.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdTest {

    private static final int[] SYMBOL_POSITIONS = {0, 1, 2, 3, 5, 6, 7, 8};

    /** The one valid id with these seven symbols, found by trying every check symbol. */
    static DeviceId withCheckSymbol(String sevenSymbols) {
        String prefix = sevenSymbols.substring(0, 4) + "-" + sevenSymbols.substring(4);
        List<String> valid = new ArrayList<>();
        for (char c : DeviceId.ALPHABET.toCharArray()) {
            if (DeviceId.isValid(prefix + c)) {
                valid.add(prefix + c);
            }
        }
        assertEquals(1, valid.size(), "check symbols for " + prefix + ": " + valid);
        return new DeviceId(valid.get(0));
    }

    static DeviceId seeded(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            b.append(DeviceId.ALPHABET.charAt(random.nextInt(32)));
        }
        return withCheckSymbol(b.toString());
    }

    @Test
    void alphabetIsCrockfordsAndThePatternUsesExactlyIt() {
        assertEquals(32, DeviceId.ALPHABET.chars().distinct().count());
        for (char c : "ILOU".toCharArray()) {
            assertTrue(DeviceId.ALPHABET.indexOf(c) < 0, c + " is not a Crockford symbol");
        }
        String symbolClass = DeviceId.PATTERN.substring(1, DeviceId.PATTERN.indexOf('{'));
        Pattern symbol = Pattern.compile(symbolClass);
        for (char c = 0; c < 0x3000; c++) {
            assertEquals(DeviceId.ALPHABET.indexOf(c) >= 0, symbol.matcher(String.valueOf(c)).matches(), "symbol " + c);
        }
    }

    @Test
    void randomIdsAreValidAndRoundTrip() {
        SecureRandom random = new SecureRandom();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            DeviceId id = DeviceId.random(random);
            String v = id.value();
            assertTrue(v.matches(DeviceId.PATTERN), v);
            assertTrue(DeviceId.isValid(v), v);
            assertEquals(v, id.toString());
            assertEquals(id, new DeviceId(v));
            assertEquals(Optional.of(id), DeviceId.parse(v));
            assertEquals(Optional.of(id), DeviceId.parse(v.toLowerCase(Locale.ROOT)));
            assertEquals(Optional.of(id), DeviceId.parse(v.replace("-", "")));
            assertEquals(Optional.of(id), DeviceId.parse("  " + v.toLowerCase(Locale.ROOT).replace("-", "") + "\t"));
            for (int p : SYMBOL_POSITIONS) {
                seen.add(v.charAt(p));
            }
        }
        assertEquals(32, seen.size(), "random ids should use the whole alphabet");
    }

    @Test
    void everySevenSymbolsHaveExactlyOneCheckSymbol() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            seeded(random); // asserts exactly one valid check symbol
        }
        withCheckSymbol("0000000");
        withCheckSymbol("ZZZZZZZ");
    }

    @Test
    void parseAcceptsWhatPeopleTypeOrReadOut() {
        DeviceId id = withCheckSymbol("10K0M1P");
        String v = id.value();
        assertTrue(v.startsWith("10K0-M1P"), v);
        List<String> typed = List.of(
                v.toLowerCase(Locale.ROOT),
                v.replace("-", ""),
                v.replace('0', 'O'),
                v.replace('0', 'o'),
                v.replace('1', 'I'),
                v.replace('1', 'i'),
                v.replace('1', 'L'),
                v.replace('1', 'l'),
                v.replace('0', 'O').replace('1', 'l').replace("-", "").toLowerCase(Locale.ROOT),
                " " + v + " ",
                "\n" + v + "\n");
        for (String t : typed) {
            assertEquals(Optional.of(id), DeviceId.parse(t), "parse(\"" + t + "\")");
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"K7M3-Q9P", "K7M3-Q9PHH", "K7M3Q9P", "K7M3Q9PHH", "K7M3_Q9PH", "K7M3--Q9PH", "K7M-3Q9PH",
            "K7M3-Q9PU", "U7M3-Q9PH", "K7M3-Q9P?", "K7M3 Q9PH", "K7M3-Q9PG", "K7M3-Q9PJ", "-K7M3Q9PH", "K7M3Q9PH-",
            "ＫＭ３-Ｑ９ＰＨ", "K7M3-Q9PH-0000"})
    void parseRejectsWhatIsNotAnId(String text) {
        assertEquals(Optional.empty(), DeviceId.parse(text));
        assertFalse(DeviceId.isValid(text));
    }

    @Test
    void constructorAcceptsOnlyTheCanonicalForm() {
        String v = Samples.DEVICE.value();
        assertEquals(v, new DeviceId(v).value());
        for (String bad : new String[] {null, "", v.toLowerCase(Locale.ROOT), v.replace("-", ""), " " + v, v + "\n",
                v.substring(0, 8) + "J"}) {
            assertThrows(IllegalArgumentException.class, () -> new DeviceId(bad), "new DeviceId(" + bad + ")");
        }
    }

    @Test
    void anySingleChangedSymbolIsCaughtByTheCheckSymbol() {
        Random random = new Random(7);
        List<DeviceId> ids = new ArrayList<>(List.of(Samples.DEVICE, withCheckSymbol("0000000"),
                withCheckSymbol("ZZZZZZZ"), withCheckSymbol("10K0M1P")));
        for (int i = 0; i < 16; i++) {
            ids.add(seeded(random));
        }
        int caught = 0;
        for (DeviceId id : ids) {
            for (int position : SYMBOL_POSITIONS) {
                for (char symbol : DeviceId.ALPHABET.toCharArray()) {
                    if (symbol == id.value().charAt(position)) {
                        continue;
                    }
                    char[] changed = id.value().toCharArray();
                    changed[position] = symbol;
                    String wrong = new String(changed);
                    assertFalse(DeviceId.isValid(wrong), wrong + " passes for " + id);
                    assertEquals(Optional.empty(), DeviceId.parse(wrong), wrong + " parses for " + id);
                    assertEquals(Optional.empty(), DeviceId.parse(wrong.toLowerCase(Locale.ROOT).replace("-", "")));
                    caught++;
                }
            }
        }
        assertEquals(ids.size() * SYMBOL_POSITIONS.length * 31, caught);
    }

    @Test
    void adjacentSwapsAreCaughtUnlessTheSymbolsAre16Apart() {
        // "Most swaps": weights 1, 3, 5, ... make a swap of neighbours a and b change the sum by 2(a - b),
        // which is 0 mod 32 only when a and b are 16 apart.
        Random random = new Random(11);
        int[] dataPositions = {0, 1, 2, 3, 5, 6, 7};
        int swaps = 0;
        int missed = 0;
        for (int i = 0; i < 300; i++) {
            DeviceId id = seeded(random);
            for (int k = 0; k + 1 < dataPositions.length; k++) {
                char[] s = id.value().toCharArray();
                char a = s[dataPositions[k]];
                char b = s[dataPositions[k + 1]];
                if (a == b) {
                    continue;
                }
                s[dataPositions[k]] = b;
                s[dataPositions[k + 1]] = a;
                boolean valid = DeviceId.isValid(new String(s));
                int apart = Math.abs(DeviceId.ALPHABET.indexOf(a) - DeviceId.ALPHABET.indexOf(b));
                assertEquals(apart == 16, valid, new String(s) + " swapped from " + id);
                swaps++;
                missed += valid ? 1 : 0;
            }
        }
        assertTrue(missed * 20 < swaps, missed + " of " + swaps + " swaps missed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "#", "/", "K7M3-Q9P+", "K7M3-Q9P#", "+7M3-Q9PH", "K7M3/Q9PH", "K7M3-Q9PH/state",
            "K7M3-Q9PH/#", "K7M3-Q9PH/+", "../K7M3-Q9PH", "K7M3-Q9PH\u0000", "K7M3-Q9PH\n", "K7M3-Q9P$", "*7M3-Q9PH"})
    void patternRejectsTopicWildcardsSlashesAndControlCharacters(String text) {
        assertFalse(Pattern.compile(DeviceId.PATTERN).matcher(text).matches());
        assertFalse(DeviceId.isValid(text));
        assertThrows(IllegalArgumentException.class, () -> new DeviceId(text));
        if (!text.trim().equals(Samples.DEVICE.value())) { // parse trims, as for typed input
            assertEquals(Optional.empty(), DeviceId.parse(text));
        }
    }
}
