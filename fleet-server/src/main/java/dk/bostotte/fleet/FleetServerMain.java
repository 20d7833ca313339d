package dk.bostotte.fleet;

import dk.bostotte.fleet.config.FleetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Starts the fleet server and stops it cleanly on SIGTERM or Ctrl-C. Every error an operator can
 * meet (an option, a setting, a port in use, a missing fleet CA) is one line on standard error and
 * exit code 2; the details of an unexpected failure go to the debug log.
 */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = FleetServerMain.Version.class,
        description = "Runs the Bostøtte fleet server.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C", "1:unexpected error (details with BOSTOTTE_LOG_LEVEL=DEBUG)",
            "2:invalid options or settings, a port in use, or a missing fleet CA"})
public final class FleetServerMain implements Callable<Integer> {

    static {
        // Before the first logger: otherwise logback has already looked for its configuration.
        FleetLogging.useFleetConfig();
    }

    private static final Logger log = LoggerFactory.getLogger(FleetServerMain.class);
    private static final String NAME = "fleet server";

    @Option(names = "--config", description = "Properties file with settings (environment BOSTOTTE_* overrides it).")
    Path configFile;

    @Option(names = "--data", description = "Data directory (default ./data).")
    Path dataDir;

    @Option(names = "--http-port", description = "HTTP port (default 8080).")
    Integer httpPort;

    @Option(names = "--mqtt-port", description = "MQTT TLS port (default 8883).")
    Integer mqttPort;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with one-line errors, as {@link #main} runs it. */
    static CommandLine commandLine() {
        return new CommandLine(new FleetServerMain())
                .setParameterExceptionHandler(FleetServerMain::invalidOption)
                .setExecutionExceptionHandler(FleetServerMain::failed);
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
        } catch (IOException e) {
            return error("cannot read the settings file " + configFile + ": " + e.getMessage());
        }
        FleetServer server;
        try {
            server = FleetServer.start(config);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return error(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /** A mistyped command line is one line naming the mistake, not the whole usage text. */
    private static int invalidOption(ParameterException e, String[] args) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        System.err.println(spec.qualifiedName() + ": " + e.getMessage() + " (see " + spec.qualifiedName() + " --help)");
        return spec.exitCodeOnInvalidInput();
    }

    /** Anything else that stopped the start: its innermost cause in one line, the stack in the debug log. */
    private static int failed(Exception e, CommandLine commandLine, ParseResult parsed) {
        log.debug("the fleet server did not start", e);
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        System.err.println(NAME + ": could not start: " + message);
        return 1;
    }

    private static int error(String message) {
        System.err.println(NAME + ": " + message);
        return 2;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FleetServerMain.class.getPackage().getImplementationVersion();
            return new String[] {"fleet server " + (version == null ? "dev" : version)};
        }
    }
}
