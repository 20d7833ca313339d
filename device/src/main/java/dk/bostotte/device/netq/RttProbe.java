package dk.bostotte.device.netq;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Round-trip time as the time to open a TCP connection to the fleet server: one SYN/SYN-ACK, no
 * privileges needed (unlike ICMP ping), and it goes where the calls go.
 */
public final class RttProbe {

    private final String host;
    private final int port;
    private final Duration timeout;

    public RttProbe(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** Milliseconds, or null if the server could not be reached within the timeout. */
    public Double measure() {
        InetAddress address;
        try {
            // Resolve first so that a slow DNS answer is not counted as network latency.
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            return null;
        }
        try (Socket s = new Socket()) {
            long start = System.nanoTime();
            s.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            long micros = (System.nanoTime() - start) / 1000;
            return micros / 1000.0;
        } catch (IOException e) {
            return null;
        }
    }
}
