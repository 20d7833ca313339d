package dk.bostotte.device.fleet;

import dk.bostotte.protocol.DeviceId;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * What {@link FleetLink} needs to reach the broker. The socket factory carries the mutual-TLS setup
 * (see {@code BundleTls}); tests may pass a plain one with a {@code tcp://} URI.
 */
public record LinkConfig(DeviceId deviceId, String serverUri, SocketFactory socketFactory, Duration keepAlive,
                         String appVersion, String model) {
}
