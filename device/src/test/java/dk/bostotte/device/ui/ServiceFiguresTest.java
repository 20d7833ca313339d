package dk.bostotte.device.ui;

import dk.bostotte.protocol.message.AnswerPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dk.bostotte.device.ui.KioskView.ServiceRow;
import dk.bostotte.protocol.message.DeviceSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service screen's settings row speaks the kiosk's language, as its labels do. */
class ServiceFiguresTest {

    private static String settingsRow(String language) {
        DeviceSettings s = new DeviceSettings(null, null, language, 80, 90, "22:00", "07:00", 10, AnswerPolicy.RING, null, null);
        List<ServiceRow> rows = ServiceFigures.rows("K7M3-Q9PH", "1.4.0", true, Optional.empty(), 0, "IDLE", s);
        return rows.stream().filter(r -> r.labelKey().equals("service.settings")).findFirst().orElseThrow().value();
    }

    @Test
    void danishByDefault() {
        assertEquals("lyd 80 %, lys 90 %, nat 22:00–07:00, ring", settingsRow(null));
    }

    @Test
    void englishWhenTheFleetSetsIt() {
        assertEquals("sound 80 %, light 90 %, night 22:00–07:00, ring, en", settingsRow("en"));
    }
}
