package dk.bostotte.fleet;

import dk.bostotte.fleet.config.FleetConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the fleet server and stops it cleanly on SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Runs the Bostøtte fleet server.")
public final class FleetServerMain implements Callable<Integer> {

    @Option(names = "--config", description = "Properties file with settings (environment BOSTOTTE_* overrides it).")
    Path configFile;

    @Option(names = "--data", description = "Data directory (default ./data).")
    Path dataDir;

    @Option(names = "--http-port", description = "HTTP port (default 8080).")
    Integer httpPort;

    @Option(names = "--mqtt-port", description = "MQTT TLS port (default 8883).")
    Integer mqttPort;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FleetServerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        if (dataDir != null) {
            overrides.put("data.dir", dataDir.toString());
        }
        if (httpPort != null) {
            overrides.put("http.port", httpPort.toString());
        }
        if (mqttPort != null) {
            overrides.put("mqtt.port", mqttPort.toString());
        }
        FleetConfig config;
        try {
            config = FleetConfig.load(Optional.ofNullable(configFile), overrides, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("fleet server: " + e.getMessage());
            return 2;
        }
        FleetServer server;
        try {
            server = FleetServer.start(config);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("fleet server: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
