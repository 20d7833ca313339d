package dk.bostotte.device.netq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.bostotte.device.platform.SystemRoot;
import dk.bostotte.device.platform.SystemTools;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample.Radio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the radio of the link says: for Wi-Fi the signal level (from {@code /proc/net/wireless},
 * or {@code iw}) and bit rate (from {@code iw}); for a cellular modem the access technology and
 * RSRP, RSRQ and SINR from ModemManager ({@code mmcli}). A missing tool or modem gives absent
 * figures, never an error: most kiosks have neither.
 */
public final class RadioReader {

    /** The radio figures of one sample; both parts may be null. */
    public record Reading(Integer signalDbm, Radio radio) {
        static final Reading NONE = new Reading(null, null);
    }

    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern IW_SIGNAL = Pattern.compile("^\\s*signal:\\s*(-?\\d+)\\s*dBm", Pattern.MULTILINE);
    private static final Pattern IW_TX_RATE = Pattern.compile("^\\s*tx bitrate:\\s*([\\d.]+)\\s*MBit/s", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SystemRoot root;
    private final SystemTools tools;
    private boolean signalRefreshAsked;

    public RadioReader(SystemRoot root, SystemTools tools) {
        this.root = root;
        this.tools = tools;
    }

    public Reading read(LinkType link, Optional<String> iface) {
        return switch (link) {
            case WIFI -> iface.map(this::wifi).orElse(Reading.NONE);
            case CELLULAR -> cellular();
            default -> Reading.NONE;
        };
    }

    Reading wifi(String iface) {
        Optional<String> iw = tools.run(TOOL_TIMEOUT, List.of("iw", "dev", iface, "link"));
        Integer signal = iw.flatMap(out -> first(IW_SIGNAL, out)).map(s -> (int) Math.round(Double.parseDouble(s)))
                .orElseGet(() -> procWirelessLevel(iface));
        Double rate = iw.flatMap(out -> first(IW_TX_RATE, out)).map(Double::valueOf).orElse(null);
        return new Reading(plausibleDbm(signal), rate == null || rate > 100_000 ? null : new Radio(rate, null, null, null, null));
    }

    /**
     * The level column of {@code /proc/net/wireless} (two header lines, then
     * {@code wlan0: 0000   54.  -56.  -256 ...}), in dBm on every current driver.
     */
    Integer procWirelessLevel(String iface) {
        for (String line : root.read("/proc/net/wireless").orElse("").lines().skip(2).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].equals(iface + ":")) {
                try {
                    return (int) Math.round(Double.parseDouble(f[3].replaceAll("\\.$", "")));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    Reading cellular() {
        Optional<JsonNode> modem = mmcli("-m", "any");
        if (modem.isEmpty()) {
            return Reading.NONE;
        }
        if (!signalRefreshAsked) {
            // ModemManager only polls extended signal figures once asked to, at a rate in seconds.
            signalRefreshAsked = true;
            tools.run(TOOL_TIMEOUT, List.of("mmcli", "-m", "any", "--signal-setup=30"));
        }
        JsonNode generic = modem.get().path("modem").path("generic");
        String tech = generic.path("access-technologies").path(0).asText(null);
        JsonNode signal = mmcli("-m", "any", "--signal-get").map(n -> n.path("modem").path("signal")).orElse(null);
        JsonNode lte = signal == null ? null : pick(signal.path("5g"), signal.path("lte"));
        Double rsrp = lte == null ? null : number(lte.path("rsrp")).orElse(null);
        Double rsrq = lte == null ? null : number(lte.path("rsrq")).orElse(null);
        Double sinr = lte == null ? null : number(lte.path("snr")).orElse(null);
        Double rssi = lte == null ? null : number(lte.path("rssi")).orElse(null);
        Radio radio = new Radio(null, tech == null || tech.isBlank() || tech.length() > 16 ? null : tech,
                within(rsrp, -160, 0), within(rsrq, -50, 20), within(sinr, -30, 60));
        // RSSI is the dBm figure the sample's signalDbm means; ModemManager's "quality" is a percentage, not dBm.
        Integer signalDbm = rssi == null ? null : plausibleDbm((int) Math.round(rssi));
        return new Reading(signalDbm, radio.isEmpty() ? null : radio);
    }

    /** The 5G figures when the modem is on 5G (they have an RSRP), else the LTE ones. */
    private static JsonNode pick(JsonNode fiveG, JsonNode lte) {
        return number(fiveG.path("rsrp")).isPresent() ? fiveG : lte;
    }

    private Optional<JsonNode> mmcli(String... args) {
        List<String> argv = new ArrayList<>(List.of("mmcli", "-J"));
        argv.addAll(List.of(args));
        return tools.run(TOOL_TIMEOUT, argv).flatMap(out -> {
            try {
                return Optional.of(JSON.readTree(out));
            } catch (Exception e) {
                return Optional.empty();
            }
        });
    }

    /** mmcli prints figures as strings, and "--" when it has none. */
    private static Optional<Double> number(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        try {
            double d = n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText().trim());
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Integer plausibleDbm(Integer dbm) {
        return dbm != null && dbm >= -150 && dbm < 0 ? dbm : null;
    }

    private static Double within(Double v, double min, double max) {
        return v != null && v >= min && v <= max ? v : null;
    }
}
