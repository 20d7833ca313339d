package dk.bostotte.device.app;

import dk.bostotte.device.call.CallController;
import dk.bostotte.device.config.ConfigBundle;
import dk.bostotte.device.config.DesiredConfigApplier;
import dk.bostotte.device.config.LiveSettings;
import dk.bostotte.device.fleet.Backoff;
import dk.bostotte.device.fleet.FleetLink;
import dk.bostotte.device.fleet.FleetOptions;
import dk.bostotte.device.fleet.LinkConfig;
import dk.bostotte.device.fleet.TelemetryQueue;
import dk.bostotte.device.health.CpuThermal;
import dk.bostotte.device.health.SimulatedStatus;
import dk.bostotte.device.health.StatusSource;
import dk.bostotte.device.health.SystemStatus;
import dk.bostotte.device.netq.NetworkSampler;
import dk.bostotte.device.platform.SystemRoot;
import dk.bostotte.protocol.codec.MessageCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The fleet feature: the agent thread, the MQTT link, the live settings the fleet may change, and
 * then (once the calls and the sampler exist) the agent that runs them.
 */
public final class FleetAssembly {

    private final Clock clock = Clock.systemUTC();
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService agentThread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "agent"));
    private final FleetLink link;
    private final LiveSettings settings;
    private final DesiredConfigApplier configApplier;

    public FleetAssembly(ConfigBundle bundle, FleetOptions options, SSLSocketFactory tls, String version, Path dataDir)
            throws MqttException {
        this.link = new FleetLink(new LinkConfig(bundle.deviceId(), bundle.mqttUri(), tls, options.keepAlive(), version,
                bundle.model()), clock, Backoff.standard(), agentThread, codec);
        this.settings = new LiveSettings((int) options.statusInterval().toSeconds(),
                (int) options.telemetryInterval().toSeconds(), "da");
        this.configApplier = new DesiredConfigApplier(dataDir, settings);
    }

    /** The agent, with the machine's own status readings or, simulated, synthetic ones. */
    public DeviceAgent agent(TelemetryQueue queue, NetworkSampler sampler, CallController calls, boolean simulate,
                             String version, Path dataDir) {
        SystemRoot root = SystemRoot.real();
        StatusSource status = simulate ? new SimulatedStatus(clock, version, new Random())
                : new SystemStatus(clock, version, dataDir, root,
                        new CpuThermal(root, CpuThermal.findOnPath("vcgencmd", System.getenv("PATH"))));
        return new DeviceAgent(clock, settings, queue, sampler, status, link, configApplier, codec, agentThread, calls);
    }

    public Clock clock() {
        return clock;
    }

    public MessageCodec codec() {
        return codec;
    }

    /** Link events, uploads, commands, config and calls all run on this one thread. */
    public ScheduledExecutorService agentThread() {
        return agentThread;
    }

    public FleetLink link() {
        return link;
    }

    public LiveSettings settings() {
        return settings;
    }
}
