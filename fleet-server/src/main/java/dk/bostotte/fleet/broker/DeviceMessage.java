package dk.bostotte.fleet.broker;

import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import java.time.Instant;

/** A publish from a device on its own channel, as the broker received it. */
public record DeviceMessage(DeviceId device, Channel channel, byte[] payload, Instant receivedAt) {
}
