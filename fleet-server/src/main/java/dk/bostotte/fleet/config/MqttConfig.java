package dk.bostotte.fleet.config;

/** {@code mqtt.host}, {@code mqtt.port} (TLS) and {@code mqtt.max.keepalive.s}, the longest keep-alive a device may ask for. */
public record MqttConfig(String host, int port, int maxKeepAliveSeconds) {

    static MqttConfig load(Settings s) {
        return new MqttConfig(
                s.get("mqtt.host", "0.0.0.0"),
                s.getInt("mqtt.port", 8883, 0, 65535),
                s.getInt("mqtt.max.keepalive.s", 120, 10, 65535));
    }
}
