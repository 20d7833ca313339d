package dk.bostotte.protocol;

import dk.bostotte.protocol.message.AnswerPolicy;
import dk.bostotte.protocol.message.CallSignal;
import dk.bostotte.protocol.message.CallStats;
import dk.bostotte.protocol.message.Command;
import dk.bostotte.protocol.message.DeviceCallSignal;
import dk.bostotte.protocol.message.IceServer;
import dk.bostotte.protocol.message.KioskInfo;
import dk.bostotte.protocol.message.CommandResult;
import dk.bostotte.protocol.message.CommandType;
import dk.bostotte.protocol.message.DesiredConfig;
import dk.bostotte.protocol.message.DeviceSettings;
import dk.bostotte.protocol.message.DeviceState;
import dk.bostotte.protocol.message.DeviceStatus;
import dk.bostotte.protocol.message.LinkType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.ProtocolMessage;
import dk.bostotte.protocol.message.ReportedConfig;
import dk.bostotte.protocol.message.TelemetryBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Representative messages for every channel: one with every optional field set, one with none. */
public final class Samples {

    public static final Instant AT = Instant.parse("2025-03-14T09:26:53.589793238Z");
    public static final Instant LATER = Instant.parse("2025-03-14T10:26:53Z");
    /** A valid device id (K7M3-Q9P + its check symbol). */
    public static final DeviceId DEVICE = new DeviceId("K7M3-Q9PH");

    private Samples() {
    }

    public static NetworkSample fullSample(long seq) {
        return new NetworkSample(seq, AT.plusSeconds(seq), LinkType.CELLULAR, 23.5, 4.25, 0.5, 48.0, 9.75, -87, 19.0, 41.5,
                61_440L, NetworkSample.Skip.IN_CALL, new NetworkSample.Radio(72.2, "lte", -95.0, -10.5, 12.0));
    }

    public static NetworkSample minimalSample(long seq) {
        return new NetworkSample(seq, AT.plusSeconds(seq), LinkType.UNKNOWN, null, null, null, null, null, null);
    }

    public static DeviceSettings fullSettings() {
        return new DeviceSettings(60, 30, "da", 80, 90, "22:00", "07:00", 10, AnswerPolicy.AUTO_ANSWER, "4711",
                "IT-support: 70 12 34 56");
    }

    /**
     * Every optional field set (nested ones included). Call signals use {@code hangup}, the one type
     * that needs no field beyond the common ones, so that each optional field can be probed alone.
     * Telemetry has four samples, so samples[3] exists.
     */
    public static ProtocolMessage full(Channel channel) {
        return switch (channel) {
            case STATE -> DeviceState.online(AT, "2.4.1+build.77", "Kiosk-10 rev B");
            case STATUS -> new DeviceStatus(ProtocolMessage.VERSION, AT, "2.4.1", 86_400, 54.5, false, 4096, 2048,
                    32_000, 12_000, true, true, false, true);
            case TELEMETRY -> TelemetryBatch.of(List.of(fullSample(1), fullSample(2), minimalSample(3), fullSample(4)));
            case COMMAND -> new Command(ProtocolMessage.VERSION, "cmd-0001", CommandType.RUN_NETWORK_TEST, AT, LATER,
                    Map.of("target", "fleet", "durationS", "10"));
            case COMMAND_RESULT -> new CommandResult(ProtocolMessage.VERSION, "cmd-0001", CommandResult.Outcome.FAILED,
                    LATER, "network test timed out after 10 s");
            case CONFIG -> new DesiredConfig(ProtocolMessage.VERSION, 7, fullSettings());
            case CONFIG_REPORTED -> new ReportedConfig(ProtocolMessage.VERSION, 7, fullSettings(), false,
                    "could not save config: disk full");
            case CALL -> new CallSignal(ProtocolMessage.VERSION, "call-0001", CallSignal.Type.HANGUP, AT, "Mette (bostøtte)", 10,
                    List.of(new IceServer(List.of("turn:fleet.example:3478?transport=udp", "turns:fleet.example:5349"),
                                    "1741946813:K7M3-Q9PH", "c2VjcmV0LWhtYWM="),
                            new IceServer(List.of("stun:fleet.example:3478"), null, null)),
                    "v=0\r\n", "candidate:1 1 UDP 2122252543 192.0.2.7 50000 typ host", 0, "worker hung up",
                    CallSignal.IceTransportPolicy.RELAY);
            case CALL_DEVICE -> new DeviceCallSignal(ProtocolMessage.VERSION, "call-0001", DeviceCallSignal.Type.HANGUP, AT,
                    "v=0\r\n", "candidate:1 1 UDP 2122252543 192.0.2.9 50002 typ host", 1, "network lost",
                    new CallStats(820.5, 1100.0, 0.5, 12.25, 38.0, 640, 480, 29.97, 1234L, 2468L, CallStats.Mode.VIDEO));
            case KIOSK -> new KioskInfo(ProtocolMessage.VERSION, AT, "Mette Hansen", "Team Nord", KioskInfo.Line.AUDIO_ONLY,
                    List.of(new KioskInfo.Appointment("appt-17", LATER, 30, "Mette Hansen"),
                            new KioskInfo.Appointment("appt-18", LATER.plusSeconds(86_400), 45, "Jonas Berg")), 15);
        };
    }

    /** Every optional field null (omitted on the wire). */
    public static ProtocolMessage minimal(Channel channel) {
        return switch (channel) {
            case STATE -> DeviceState.offline(AT, null, null);
            case STATUS -> new DeviceStatus(ProtocolMessage.VERSION, AT, "2", 0, null, null, 0, 0, 0, 0,
                    false, false, false, false);
            case TELEMETRY -> TelemetryBatch.of(List.of(minimalSample(0)));
            case COMMAND -> new Command(ProtocolMessage.VERSION, "c", CommandType.REBOOT, AT, LATER, null);
            case COMMAND_RESULT -> new CommandResult(ProtocolMessage.VERSION, "c", CommandResult.Outcome.RECEIVED, AT, null);
            case CONFIG -> new DesiredConfig(ProtocolMessage.VERSION, 0, new DeviceSettings(null, null, null));
            case CONFIG_REPORTED -> new ReportedConfig(ProtocolMessage.VERSION, 0, new DeviceSettings(null, null, null),
                    true, null);
            case CALL -> CallSignal.hangup("c", AT, null);
            case CALL_DEVICE -> DeviceCallSignal.of("c", DeviceCallSignal.Type.ACCEPT, AT);
            case KIOSK -> new KioskInfo(ProtocolMessage.VERSION, AT, null, null, null, null, null);
        };
    }
}
