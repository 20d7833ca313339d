package dk.bostotte.fleet.testing;

import dk.bostotte.fleet.broker.BrokerEvents;
import dk.bostotte.fleet.broker.FleetBroker;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The MQTT seam without MQTT: keeps what the server published and whom it disconnected. */
public final class RecordingBroker implements FleetBroker {

    public record Published(DeviceId device, Channel channel, byte[] payload) {
    }

    public final List<Published> published = new CopyOnWriteArrayList<>();
    public final List<String> disconnected = new CopyOnWriteArrayList<>();

    public List<Published> on(Channel channel) {
        return published.stream().filter(p -> p.channel() == channel).toList();
    }

    @Override
    public void start(BrokerEvents events) {
    }

    @Override
    public CompletableFuture<Void> publish(DeviceId device, Channel channel, byte[] payload) {
        published.add(new Published(device, channel, payload));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> disconnect(String clientId, String reason) {
        disconnected.add(clientId);
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public boolean isRunning() {
        return true;
    }

    @Override
    public void close() {
    }
}
