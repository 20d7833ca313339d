package dk.bostotte.fleet.presence;

import static dk.bostotte.fleet.db.jooq.Tables.DEVICE;

import dk.bostotte.fleet.ingest.BatchWriter;
import dk.bostotte.fleet.ingest.WriteOp;
import dk.bostotte.protocol.DeviceId;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online/offline per device from the broker's connection events. A device reconnecting before its
 * old connection is cleaned up briefly has two connections; it is offline only when none is left.
 */
public final class PresenceService {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    private final BatchWriter writer;
    private final Map<String, Integer> connections = new ConcurrentHashMap<>();
    private final Map<String, InetAddress> addresses = new ConcurrentHashMap<>();
    private final List<Consumer<DeviceId>> offlineListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<DeviceId>> onlineListeners = new CopyOnWriteArrayList<>();

    public PresenceService(BatchWriter writer) {
        this.writer = writer;
    }

    /** At start-up nobody is connected to a fresh broker, whatever the database last said. */
    public static void markAllOffline(DSLContext dsl) {
        int n = dsl.update(DEVICE).set(DEVICE.ONLINE, false).where(DEVICE.ONLINE.isTrue()).execute();
        if (n > 0) {
            log.info("marked {} devices offline at start-up", n);
        }
    }

    /** Whether the broker has a connection from this device now. */
    public boolean isOnline(DeviceId device) {
        return connections.containsKey(device.value());
    }

    /** Called (on the broker's thread) when a device's last connection goes. */
    public void onOffline(Consumer<DeviceId> listener) {
        offlineListeners.add(listener);
    }

    /** Called (on the broker's thread) when a device's first connection comes; keep it short. */
    public void onOnline(Consumer<DeviceId> listener) {
        onlineListeners.add(listener);
    }

    /** The address the device's newest connection came from, while it is connected. */
    public Optional<InetAddress> addressOf(DeviceId device) {
        return connections.containsKey(device.value()) ? Optional.ofNullable(addresses.get(device.value()))
                : Optional.empty();
    }

    public void connected(String clientId, Instant at, Optional<InetAddress> from) {
        from.ifPresent(a -> addresses.put(clientId, a));
        DeviceId.parse(clientId).filter(d -> d.value().equals(clientId)).ifPresent(device -> {
            int now = connections.merge(clientId, 1, Integer::sum);
            if (now == 1) {
                log.info("device {} online", clientId);
                record(new WriteOp.Presence(device, true, at));
                onlineListeners.forEach(l -> l.accept(device));
            }
        });
    }

    public void disconnected(String clientId, Instant at, String reason) {
        DeviceId.parse(clientId).filter(d -> d.value().equals(clientId)).ifPresent(device -> {
            Integer left = connections.computeIfPresent(clientId, (k, v) -> v > 1 ? v - 1 : null);
            if (left == null) {
                log.info("device {} offline ({})", clientId, reason);
                record(new WriteOp.Presence(device, false, at));
                offlineListeners.forEach(l -> l.accept(device));
            }
        });
    }

    private void record(WriteOp.Presence change) {
        try {
            writer.enqueueWaiting(change);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("presence change of {} not recorded: interrupted", change.device());
        }
    }

    public int connectedDevices() {
        return connections.size();
    }
}
