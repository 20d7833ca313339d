package dk.bostotte.fleet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A set-config command's params as the console sends them: typed, checked, and empty for "clear". */
class SetConfigParamsTest {

    @Test
    void valuesAreTypedAndAnEmptyOneClearsThatSetting() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("volumePercent", "35");
        params.put("nightStart", "");
        params.put("servicePin", " ");
        Map<String, Object> settings = CommandService.settingsFrom(params);
        assertEquals(35, settings.get("volumePercent"));
        assertTrue(settings.containsKey("nightStart"));
        assertNull(settings.get("nightStart"), "empty: back to the device's default");
        assertNull(settings.get("servicePin"));
    }

    @Test
    void badValuesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> CommandService.settingsFrom(Map.of("nightStart", "25:00")));
        assertTrue(e.getMessage().contains("nightStart"), e.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> CommandService.settingsFrom(Map.of("volume", "")));
        assertTrue(unknown.getMessage().contains("unknown setting 'volume'"), unknown.getMessage());
    }
}
