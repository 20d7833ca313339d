package dk.bostotte.device.app;

import dk.bostotte.device.call.CallController;
import dk.bostotte.device.config.DesiredConfigApplier;
import dk.bostotte.device.config.LiveSettings;
import dk.bostotte.device.fleet.CommandDispatcher;
import dk.bostotte.device.fleet.CommandHandler;
import dk.bostotte.protocol.message.CommandType;
import dk.bostotte.protocol.message.NetworkSample;
import dk.bostotte.protocol.message.ProtocolMessage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import dk.bostotte.device.fleet.FleetLink;
import dk.bostotte.device.fleet.LinkListener;
import dk.bostotte.device.fleet.TelemetryQueue;
import dk.bostotte.device.fleet.TelemetryUploader;
import dk.bostotte.device.platform.PeriodicTask;
import dk.bostotte.protocol.codec.MessageCodec;
import dk.bostotte.device.health.StatusSource;
import dk.bostotte.device.netq.NetworkSampler;
import dk.bostotte.protocol.Channel;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.protocol.message.DesiredConfig;
import dk.bostotte.protocol.message.KioskInfo;
import dk.bostotte.protocol.message.DeviceSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: samples the network into the queue whether or not the broker is reachable,
 * reports status while connected, and answers commands and config. Link events, uploads, commands
 * and config run on one agent thread; probes, which can block for seconds, run on another.
 */
public final class DeviceAgent implements LinkListener {

    private static final Logger log = LoggerFactory.getLogger(DeviceAgent.class);

    private final DeviceId id;
    private final Clock clock;
    private final LiveSettings settings;
    private final TelemetryQueue queue;
    private final NetworkSampler sampler;
    private final StatusSource status;
    private final FleetLink link;
    private final DesiredConfigApplier configApplier;
    private final MessageCodec codec;
    private final ScheduledExecutorService agentThread;
    private final ScheduledExecutorService probeThread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "probes"));
    private final TelemetryUploader uploader;
    private final CommandDispatcher commands;
    private final PeriodicTask telemetryTimer;
    private final PeriodicTask statusTimer;
    private final CallController calls;
    private final List<Consumer<Boolean>> linkWatchers = new CopyOnWriteArrayList<>();
    private volatile Consumer<KioskInfo> kioskInfo = info -> { };

    public DeviceAgent(Clock clock, LiveSettings settings, TelemetryQueue queue, NetworkSampler sampler,
                       StatusSource status, FleetLink link, DesiredConfigApplier configApplier, MessageCodec codec,
                       ScheduledExecutorService agentThread, CallController calls) {
        this.id = link.deviceId();
        this.clock = clock;
        this.settings = settings;
        this.queue = queue;
        this.sampler = sampler;
        this.status = status;
        this.link = link;
        this.configApplier = configApplier;
        this.codec = codec;
        this.agentThread = agentThread;
        this.calls = calls;
        this.uploader = new TelemetryUploader(id, queue, agentThread);
        this.commands = new CommandDispatcher(codec, clock, r -> publish(Channel.COMMAND_RESULT, r));
        this.telemetryTimer = new PeriodicTask(probeThread, "telemetry sample", this::takeSample);
        this.statusTimer = new PeriodicTask(probeThread, "status report", this::reportStatus);
        settings.onChange(this::settingsChanged);
        commands.register(CommandType.RUN_NETWORK_TEST, c -> networkTestNow()
                .thenApply(sample -> CommandHandler.Completion.done(NetworkSampler.describe(sample))));
    }

    /**
     * A sample with every probe, now, on the probe thread (so never alongside a scheduled one); it
     * goes into the telemetry queue like any other and completes the stage once queued.
     */
    public CompletableFuture<NetworkSample> networkTestNow() {
        return CompletableFuture.supplyAsync(() -> {
            sampler.requestFullTest();
            NetworkSample s = sampler.sample(queue.nextSeq(), clock.instant());
            lastSample = s;
            queue.append(s);
            agentThread.execute(uploader::pump);
            return s;
        }, probeThread);
    }

    /** Where remote-support features register their {@code CommandHandler}s. */
    public CommandDispatcher commands() {
        return commands;
    }

    /** Told true on each connect to the fleet and false on each loss (on the agent thread). */
    public void onLinkChange(Consumer<Boolean> watcher) {
        linkWatchers.add(watcher);
    }

    /** Where the fleet's retained kiosk info goes: the idle screen. */
    public void onKioskInfo(Consumer<KioskInfo> screen) {
        this.kioskInfo = screen;
    }

    public void start() {
        telemetryTimer.schedule(Duration.ZERO, Duration.ofSeconds(settings.telemetryIntervalS()));
        link.start(this);
    }

    @Override
    public void connected() {
        uploader.connected(batch -> link.publish(Channel.TELEMETRY, batch));
        statusTimer.schedule(Duration.ZERO, Duration.ofSeconds(settings.statusIntervalS()));
        linkWatchers.forEach(w -> w.accept(true));
    }

    @Override
    public void disconnected() {
        // A status is a snapshot: one that could not be sent now is of no use later.
        statusTimer.cancel();
        uploader.disconnected();
        linkWatchers.forEach(w -> w.accept(false));
    }

    @Override
    public void messageArrived(Channel channel, byte[] payload) {
        switch (channel) {
            case COMMAND -> commands.onPayload(payload);
            case CONFIG -> applyConfig(payload);
            case CALL -> calls.onPayload(payload);
            case KIOSK -> codec.decode(KioskInfo.class, payload).fold(info -> {
                kioskInfo.accept(info);
                return null;
            }, error -> {
                log.warn("ignoring invalid kiosk info: {}", error.message());
                return null;
            });
            default -> log.debug("no handler for {}", channel);
        }
    }

    private void applyConfig(byte[] payload) {
        if (payload.length == 0) {
            log.info("fleet config cleared; keeping current settings");
            return;
        }
        codec.decode(DesiredConfig.class, payload).fold(
                desired -> publish(Channel.CONFIG_REPORTED, configApplier.apply(desired)),
                error -> {
                    log.warn("ignoring invalid config: {}", error.message());
                    return null;
                });
    }

    private void settingsChanged(DeviceSettings old, DeviceSettings now) {
        if (!now.telemetryIntervalS().equals(old.telemetryIntervalS())) {
            Duration p = Duration.ofSeconds(now.telemetryIntervalS());
            telemetryTimer.schedule(p, p);
        }
        if (!now.statusIntervalS().equals(old.statusIntervalS()) && statusTimer.isScheduled()) {
            Duration p = Duration.ofSeconds(now.statusIntervalS());
            statusTimer.schedule(p, p);
        }
    }

    private volatile NetworkSample lastSample;

    /** The newest network sample taken here, sent or not (for the kiosk's service screen). */
    public Optional<NetworkSample> lastSample() {
        return Optional.ofNullable(lastSample);
    }

    public boolean isConnected() {
        return link.isConnected();
    }

    public int samplesWaiting() {
        return queue.size();
    }

    private void takeSample() {
        NetworkSample s = sampler.sample(queue.nextSeq(), clock.instant());
        lastSample = s;
        queue.append(s);
        agentThread.execute(uploader::pump);
    }

    private void reportStatus() {
        if (link.isConnected()) {
            publish(Channel.STATUS, status.read());
        }
    }

    private Void publish(Channel channel, ProtocolMessage message) {
        link.publish(channel, message).whenComplete((ok, e) -> {
            if (e != null) {
                log.info("device {} {} not delivered: {}", id, channel.suffix(), e.getMessage());
            }
        });
        return null;
    }

    /** Stops sampling, says goodbye to the broker and leaves the queue compacted on disk. */
    public void stop() {
        log.info("device {} stopping", id);
        telemetryTimer.cancel();
        statusTimer.cancel();
        agentThread.execute(calls::hangUp);
        shutdown(probeThread);
        link.stop(Duration.ofSeconds(3));
        shutdown(agentThread);
        try {
            queue.close();
        } catch (IOException e) {
            log.warn("telemetry queue not compacted on shutdown ({}); it will be replayed on start", e.toString());
        }
        log.info("device {} stopped; {} samples queued", id, queue.size());
    }

    private static void shutdown(ScheduledExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
