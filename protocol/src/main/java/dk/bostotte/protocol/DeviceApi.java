package dk.bostotte.protocol;

import java.net.URI;

/**
 * The fleet server's HTTPS API for devices (mutual TLS with the device's own certificate, on the
 * bundle's {@code server.device.port}): what does not fit MQTT, bulk bytes. Both sides spell its
 * paths and parameters here.
 */
public final class DeviceApi {

    public static final String ROOT = "/device/v1";
    /** GET with {@link #BYTES}: that many bytes, as fast as the line takes them. */
    public static final String THROUGHPUT_DOWNLOAD = ROOT + "/throughput/download";
    /** POST: the server counts what arrives and answers how much. */
    public static final String THROUGHPUT_UPLOAD = ROOT + "/throughput/upload";
    /** POST with {@link #COMMAND}: a diagnostics bundle (zip) answering that collect-logs command. */
    public static final String LOGS = ROOT + "/logs";

    /** Query parameter of {@link #THROUGHPUT_DOWNLOAD}: how many bytes to send. */
    public static final String BYTES = "bytes";
    /** Query parameter of {@link #LOGS}: the id of the collect-logs command the upload answers. */
    public static final String COMMAND = "command";

    private DeviceApi() {
    }

    /** {@code path} on the fleet server at {@code host:port}, e.g. {@code https://fleet:8443/device/v1/logs}. */
    public static URI at(String host, int port, String path) {
        return URI.create("https://" + host + ":" + port + path);
    }

    /** {@code uri} with one query parameter added; values here are numbers and command ids, which need no escaping. */
    public static URI withQuery(URI uri, String name, Object value) {
        return URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + name + "=" + value);
    }
}
