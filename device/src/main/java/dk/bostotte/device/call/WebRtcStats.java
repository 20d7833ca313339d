package dk.bostotte.device.call;

import dk.bostotte.protocol.message.CallStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns webrtcbin's {@code get-stats} reply (a GstStructure of nested structures, as text) into
 * the call figures the fleet wants: bitrates from byte counters between two samples, loss and RTT
 * as the other side reports them about what this device sends, and jitter of what it receives.
 * What this device sends, and the other side's reports about it, come from the RTP session's own
 * source statistics when those are given: webrtcbin 1.22 drops a sending stream from get-stats
 * once it has paused (audio only) and does not take it back when it resumes, so its figures then
 * say 32 kbit/s and no loss or RTT at all while the video goes out (CallAdaptationIT stuck at LOW).
 */
final class WebRtcStats {

    /** One nested structure: its name and its fields. */
    record Entry(String type, Map<String, String> fields) {
        double number(String field) {
            String v = fields.get(field);
            if (v == null) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    private static final String NESTED = "=(structure)\"";
    /** One source in the RTP session's statistics (an element of its source-stats array). */
    private static final String SOURCE = "\"application/x-rtp-source-stats";
    /** A top-level field of a nested structure; escaped ones (deeper levels) do not match. */
    private static final Pattern FIELD = Pattern.compile("([a-z0-9-]+)=\\(([A-Za-z0-9]+)\\)([^,;]*)");

    private long previousAtNanos;
    private double previousSent = Double.NaN;
    /** Octets each of our streams had sent at the previous update, by SSRC (session figures). */
    private Map<String, Double> previousOctets = new HashMap<>();
    private double previousReceived = Double.NaN;

    /**
     * The nested structures of one reply, one level unescaped. Each is {@code name=(structure)"..."}
     * with backslash escapes inside; its own type is its {@code type} field (inbound-rtp, ...).
     */
    static List<Entry> parse(String text) {
        return quoted(text, NESTED, NESTED.length(), null);
    }

    /** The sources of the RTP session's statistics, each as an entry of type {@code source}. */
    static List<Entry> parseSession(String text) {
        return quoted(text, SOURCE, 1, "source");
    }

    /** The quoted, escaped structures that start at each {@code marker}; {@code skip}: chars of it before the body. */
    private static List<Entry> quoted(String text, String marker, int skip, String type) {
        List<Entry> out = new ArrayList<>();
        int i = 0;
        while ((i = text.indexOf(marker, i)) >= 0) {
            StringBuilder body = new StringBuilder();
            int j = i + skip;
            for (; j < text.length(); j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    body.append(text.charAt(++j));
                } else if (c == '"') {
                    break;
                } else {
                    body.append(c);
                }
            }
            i = j + 1;
            Map<String, String> fields = new HashMap<>();
            Matcher f = FIELD.matcher(body);
            while (f.find()) {
                fields.putIfAbsent(f.group(1), f.group(3).trim());
            }
            out.add(new Entry(type != null ? type : fields.getOrDefault("type", ""), fields));
        }
        return out;
    }

    /** Figures since the previous update from webrtcbin's statistics alone; bitrates are null on the first one. */
    CallStats update(String text, long nowNanos, MediaProfile profile, long framesDecoded, long audioBuffersPlayed) {
        return update(text, null, nowNanos, profile, framesDecoded, audioBuffersPlayed);
    }

    /**
     * Figures since the previous update; {@code session} (the RTP session's statistics, may be
     * null) decides what was sent and what the other side reported about it.
     */
    CallStats update(String text, String session, long nowNanos, MediaProfile profile, long framesDecoded,
                     long audioBuffersPlayed) {
        double sent = 0;
        double received = 0;
        double loss = Double.NaN;
        double rtt = Double.NaN;
        double jitter = Double.NaN;
        for (Entry e : parse(text)) {
            switch (e.type()) {
                case "outbound-rtp" -> sent += zeroIfNaN(e.number("bytes-sent"));
                case "inbound-rtp" -> {
                    received += zeroIfNaN(e.number("bytes-received"));
                    jitter = max(jitter, e.number("jitter") * 1000);
                }
                case "remote-inbound-rtp" -> {
                    loss = max(loss, e.number("fraction-lost") * 100);
                    rtt = max(rtt, e.number("round-trip-time") * 1000);
                }
                default -> {
                }
            }
        }
        double sentSince = Math.max(0, sent - previousSent);
        List<Entry> sources = session == null ? List.of() : parseSession(session);
        if (!sources.isEmpty()) {
            Sending s = sending(sources);
            sentSince = s.octetsSince();
            loss = s.lossPct();
            rtt = s.rttMs();
        }
        Double sendKbps = null;
        Double recvKbps = null;
        if (previousAtNanos != 0 && nowNanos > previousAtNanos) {
            double seconds = (nowNanos - previousAtNanos) / 1e9;
            sendKbps = round(sentSince * 8 / 1000 / seconds);
            recvKbps = round(Math.max(0, received - previousReceived) * 8 / 1000 / seconds);
        }
        previousAtNanos = nowNanos;
        previousSent = sent;
        previousReceived = received;
        return new CallStats(sendKbps, recvKbps, orNull(Math.min(100, loss)), orNull(jitter), orNull(rtt),
                profile.hasVideo() ? profile.width : null, profile.hasVideo() ? profile.height : null,
                profile.hasVideo() ? 30.0 : null, framesDecoded, audioBuffersPlayed, profile.mode);
    }

    /** What this device sent since the previous update, and what the other side last reported about it. */
    private record Sending(double octetsSince, double lossPct, double rttMs) {
    }

    /** From the RTP session's sources: ours (internal) and the other side's report blocks about them. */
    private Sending sending(List<Entry> sources) {
        double since = 0;
        Map<String, Double> octets = new HashMap<>();
        for (Entry e : sources) {
            if ("true".equals(e.fields().get("internal"))) {
                double now = zeroIfNaN(e.number("octets-sent"));
                Double before = previousOctets.get(e.fields().get("ssrc"));
                // Per stream: the session recreates a stream that resumes after a pause, counting from 0.
                since += before == null || now < before ? now : now - before;
                octets.put(e.fields().get("ssrc"), now);
            }
        }
        previousOctets = octets;
        double loss = Double.NaN;
        double rtt = Double.NaN;
        // The other side's last report block about one of our streams: loss in 1/256, RTT in 1/65536 s.
        for (Entry e : sources) {
            if ("true".equals(e.fields().get("have-rb")) && octets.containsKey(e.fields().get("rb-ssrc"))) {
                loss = max(loss, e.number("rb-fractionlost") * 100 / 256);
                double roundTrip = e.number("rb-round-trip");
                if (roundTrip > 0) {
                    rtt = max(rtt, roundTrip * 1000 / 65536);
                }
            }
        }
        return new Sending(since, loss, rtt);
    }

    private static final Pattern RENDERED = Pattern.compile("rendered=\\(guint64\\)(\\d+)");

    /** The buffers a base sink rendered, from its {@code stats} structure as text; 0 when not there. */
    static long rendered(String sinkStats) {
        Matcher m = sinkStats == null ? null : RENDERED.matcher(sinkStats);
        return m != null && m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) || v < 0 ? null : round(v);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
