package dk.bostotte.protocol.netq;

import dk.bostotte.protocol.DeviceId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One packet of the latency probe's UDP train. The device sends it to the fleet server's echo
 * responder, which listens on UDP at the same port number as the MQTT broker (TCP) and sends the
 * bytes back unchanged, but only to a device that is connected to the broker from that address.
 * Layout (big-endian): magic {@code BOE1}, the device id (9 ASCII bytes), sequence number (int32),
 * the sender's send time (int64 ns, only the sender reads it), zero padding up to {@code size}.
 */
public record EchoPacket(DeviceId device, int seq, long sentNanos, int size) {

    public static final byte[] MAGIC = {'B', 'O', 'E', '1'};
    public static final int HEADER = MAGIC.length + 9 + 4 + 8;
    /** Below common path MTUs, so a probe packet is never fragmented. */
    public static final int MAX_SIZE = 1200;

    public EchoPacket {
        if (size < HEADER || size > MAX_SIZE) {
            throw new IllegalArgumentException("echo packet size " + size + " outside [" + HEADER + ", " + MAX_SIZE + "]");
        }
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(MAGIC).put(device.value().getBytes(StandardCharsets.US_ASCII)).putInt(seq).putLong(sentNanos);
        return b.array();
    }

    /** The packet in {@code data[0..length)}, or empty when it is not one (never throws). */
    public static Optional<EchoPacket> parse(byte[] data, int length) {
        if (data == null || length < HEADER || length > MAX_SIZE || length > data.length) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        for (byte m : MAGIC) {
            if (b.get() != m) {
                return Optional.empty();
            }
        }
        byte[] id = new byte[9];
        b.get(id);
        String text = new String(id, StandardCharsets.US_ASCII);
        if (!DeviceId.isValid(text) || !DeviceId.parse(text).map(DeviceId::value).orElse("").equals(text)) {
            return Optional.empty();
        }
        return Optional.of(new EchoPacket(new DeviceId(text), b.getInt(), b.getLong(), length));
    }
}
