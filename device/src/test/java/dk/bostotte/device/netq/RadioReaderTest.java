package dk.bostotte.device.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.platform.FakeRoot;
import dk.bostotte.device.platform.SystemTools;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample.Radio;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RadioReaderTest {

    @TempDir
    Path tmp;

    /** Answers the tool lines it was given, records every call, and has no other tool installed. */
    private static final class RecordedTools implements SystemTools {
        final Map<String, String> answers = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Optional<String> run(java.time.Duration timeout, List<String> argv) {
            String line = String.join(" ", argv);
            calls.add(line);
            return Optional.ofNullable(answers.get(line));
        }

        RecordedTools answer(String line, String resource) {
            answers.put(line, resource(resource));
            return this;
        }
    }

    static String resource(String name) {
        try (InputStream in = RadioReaderTest.class.getResourceAsStream("/radio/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wifiSignalAndBitRateComeFromIw() {
        RecordedTools tools = new RecordedTools().answer("iw dev wlan0 link", "iw-link.txt");
        RadioReader.Reading r = new RadioReader(new FakeRoot(tmp).root, tools).read(LinkType.WIFI, Optional.of("wlan0"));
        assertEquals(-61, r.signalDbm());
        assertEquals(new Radio(135.0, null, null, null, null), r.radio());
    }

    @Test
    void withoutIwTheSignalComesFromProcNetWireless() {
        FakeRoot root = new FakeRoot(tmp).file("/proc/net/wireless", resource("proc-net-wireless.txt"));
        RadioReader.Reading r = new RadioReader(root.root, new RecordedTools()).read(LinkType.WIFI, Optional.of("wlan0"));
        assertEquals(-61, r.signalDbm());
        assertNull(r.radio(), "no bit rate without iw");
    }

    @Test
    void aCellularModemGivesTechnologyAndLteSignalFromModemManager() {
        RecordedTools tools = new RecordedTools().answer("mmcli -J -m any", "mmcli-modem.json")
                .answer("mmcli -J -m any --signal-get", "mmcli-signal.json");
        RadioReader reader = new RadioReader(new FakeRoot(tmp).root, tools);
        RadioReader.Reading r = reader.read(LinkType.CELLULAR, Optional.of("wwan0"));
        assertEquals(new Radio(null, "lte", -97.0, -11.0, 8.4), r.radio());
        assertEquals(-68, r.signalDbm());
        reader.read(LinkType.CELLULAR, Optional.of("wwan0"));
        assertEquals(1, tools.calls.stream().filter(c -> c.contains("--signal-setup")).count(),
                "signal polling is switched on once, not on every sample");
    }

    @Test
    void missingToolsAndModemAreAbsentFiguresNotErrors() {
        RadioReader reader = new RadioReader(new FakeRoot(tmp).root, new RecordedTools());
        assertEquals(RadioReader.Reading.NONE, reader.read(LinkType.CELLULAR, Optional.of("wwan0")));
        assertEquals(RadioReader.Reading.NONE, reader.read(LinkType.WIFI, Optional.of("wlan0")));
        assertEquals(RadioReader.Reading.NONE, reader.read(LinkType.ETHERNET, Optional.of("eth0")));
    }

    @Test
    void garbageFromAToolIsIgnored() {
        RecordedTools tools = new RecordedTools();
        tools.answers.put("mmcli -J -m any", "error: couldn't find modem");
        tools.answers.put("iw dev wlan0 link", "Not connected.");
        RadioReader reader = new RadioReader(new FakeRoot(tmp).root, tools);
        assertEquals(RadioReader.Reading.NONE, reader.read(LinkType.CELLULAR, Optional.of("wwan0")));
        assertEquals(RadioReader.Reading.NONE, reader.read(LinkType.WIFI, Optional.of("wlan0")));
    }

    @Test
    void theRealRunnerReportsAMissingToolAsNoAnswer() {
        assertTrue(SystemTools.real().run(java.time.Duration.ofSeconds(2), List.of("no-such-tool-bostotte")).isEmpty());
        assertEquals(Optional.of("hej\n"), SystemTools.real().run(java.time.Duration.ofSeconds(2), List.of("echo", "hej")));
        assertTrue(SystemTools.real().run(java.time.Duration.ofMillis(300), List.of("sleep", "5")).isEmpty(),
                "a hanging tool is cut off");
    }
}
