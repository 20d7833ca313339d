package dk.bostotte.device.ui;

import dk.bostotte.protocol.message.AnswerPolicy;
import dk.bostotte.device.ui.KioskView.ServiceRow;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.NetworkSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The figures the hidden service screen shows IT support on site: who, what version, how the line is. */
public final class ServiceFigures {

    private ServiceFigures() {
    }

    public static List<ServiceRow> rows(String deviceId, String version, boolean connected, Optional<NetworkSample> last,
                                        int samplesWaiting, String callPhase, DeviceSettings settings) {
        List<ServiceRow> rows = new ArrayList<>();
        rows.add(new ServiceRow("service.deviceId", deviceId));
        rows.add(new ServiceRow("service.version", version));
        rows.add(new ServiceRow("service.fleet", connected ? "✓" : "✗"));
        last.ifPresent(s -> {
            rows.add(new ServiceRow("service.measuredAt", s.at().toString().replace('T', ' ').replaceAll("\\.\\d+", "")));
            rows.add(new ServiceRow("service.link", s.link().wire() + (s.radio() != null && s.radio().cellTech() != null
                    ? " (" + s.radio().cellTech() + ")" : "")));
            rows.add(new ServiceRow("service.rtt", figure(s.rttMs(), "ms")));
            rows.add(new ServiceRow("service.jitter", figure(s.jitterMs(), "ms")));
            rows.add(new ServiceRow("service.loss", figure(s.lossPct(), "%")));
            rows.add(new ServiceRow("service.down", figure(s.downMbps(), "Mbit/s")));
            rows.add(new ServiceRow("service.up", figure(s.upMbps(), "Mbit/s")));
            rows.add(new ServiceRow("service.signal", s.signalDbm() == null ? "–" : s.signalDbm() + " dBm"));
        });
        rows.add(new ServiceRow("service.queue", Integer.toString(samplesWaiting)));
        rows.add(new ServiceRow("service.call", callPhase.toLowerCase(Locale.ROOT)));
        // In the kiosk's own language, as the labels are: the words come from the same bundles.
        Texts t = new Texts(Texts.localeOf(settings.language()));
        List<String> parts = new ArrayList<>();
        Optional.ofNullable(settings.volumePercent()).ifPresent(v -> parts.add(t.get("service.settings.volume") + " " + v + " %"));
        Optional.ofNullable(settings.brightnessPercent()).ifPresent(v -> parts.add(t.get("service.settings.brightness") + " " + v + " %"));
        if (settings.nightStart() != null && settings.nightEnd() != null) {
            parts.add(t.get("service.settings.night") + " " + settings.nightStart() + "–" + settings.nightEnd());
        }
        Optional.ofNullable(settings.answerPolicy()).map(AnswerPolicy::wire).ifPresent(parts::add);
        Optional.ofNullable(settings.language()).ifPresent(parts::add);
        rows.add(new ServiceRow("service.settings", parts.isEmpty() ? "–" : String.join(", ", parts)));
        return rows;
    }

    private static String figure(Double value, String unit) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f %s", value, unit);
    }
}
