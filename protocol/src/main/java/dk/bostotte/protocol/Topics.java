package dk.bostotte.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every MQTT topic string of the fleet is built or parsed here and nowhere else. */
public final class Topics {

    public static final String ROOT = "bostotte/v1/devices";

    private Topics() {
    }

    /** A concrete topic, e.g. {@code bostotte/v1/devices/K7M3-Q9PX/telemetry}. */
    public static String of(DeviceId device, Channel channel) {
        return ROOT + "/" + device.value() + "/" + channel.suffix();
    }

    /** A filter matching one channel of every device, e.g. {@code bostotte/v1/devices/+/telemetry}. */
    public static String allDevices(Channel channel) {
        return ROOT + "/+/" + channel.suffix();
    }

    /** The topics a device may publish to: exactly its own device-to-server channels. */
    public static List<String> publishableBy(DeviceId device) {
        return Arrays.stream(Channel.values())
                .filter(c -> c.direction() == Channel.Direction.FROM_DEVICE)
                .map(c -> of(device, c)).toList();
    }

    /** The topics a device may subscribe to: exactly its own server-to-device channels. */
    public static List<String> subscribableBy(DeviceId device) {
        return Arrays.stream(Channel.values())
                .filter(c -> c.direction() == Channel.Direction.TO_DEVICE)
                .map(c -> of(device, c)).toList();
    }

    /** The filters an operator tool (read-only monitoring) may subscribe to. */
    public static List<String> operatorReadable() {
        return List.of(allDevices(Channel.STATE), allDevices(Channel.STATUS), allDevices(Channel.TELEMETRY));
    }

    /** MQTT topic-filter matching: {@code +} is one level, {@code #} the rest. */
    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** A parsed device topic. */
    public record DeviceTopic(DeviceId device, Channel channel) {
    }

    /** Parses a concrete topic; empty for anything that is not exactly a known device channel. */
    public static Optional<DeviceTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String rest = topic.substring(ROOT.length() + 1);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String id = rest.substring(0, slash);
        if (!DeviceId.isValid(id)) {
            return Optional.empty();
        }
        return Channel.bySuffix(rest.substring(slash + 1)).map(c -> new DeviceTopic(new DeviceId(id), c));
    }
}
