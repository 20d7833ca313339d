package dk.bostotte.provisioning.cli;

import dk.bostotte.protocol.bundle.BundleLayout;
import dk.bostotte.protocol.DeviceId;
import dk.bostotte.provisioning.bundle.DeviceBundle;
import dk.bostotte.pki.FleetCa;
import dk.bostotte.pki.IssuedCredential;
import dk.bostotte.pki.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Enrols a new kiosk: issue its certificate, register it with the fleet server, then write the bundle.
 * Registering before writing means a bundle only ever exists for a device the server knows.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Enrol a new device: issue its certificate, register it with the fleet server, write its bundle.")
public final class EnrollCommand extends ProvisioningCommand {

    @Mixin
    PkiOptions pki;

    @Mixin
    ServerOptions server;

    @Option(names = "--model", required = true, description = "Hardware model, e.g. rpi4.")
    String model;

    @Option(names = "--serial", required = true, description = "Hardware serial number.")
    String serial;

    @Option(names = "--out", paramLabel = "DIR", description = "Bundle directory (default: ./data/devices/<id>).")
    Path out;

    @Option(names = "--mqtt-host", paramLabel = "HOST", description = "Server host the device connects to (default: host of --server).")
    String mqttHost;

    @Option(names = "--mqtt-port", paramLabel = "PORT", defaultValue = "8883", description = "MQTT over TLS port (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--device-port", paramLabel = "PORT", defaultValue = "8443",
            description = "The server's HTTPS port for devices' network measurements (default: ${DEFAULT-VALUE}).")
    int devicePort;

    @Option(names = "--button-pin", paramLabel = "BCM",
            description = "GPIO (BCM number) the kiosk's answer button is wired to, if not the device's default 17; give --led-pin too.")
    Integer buttonPin;

    @Option(names = "--led-pin", paramLabel = "BCM",
            description = "GPIO (BCM number) of the kiosk's status light, if not the device's default 27; give --button-pin too.")
    Integer ledPin;

    @Option(names = "--validity-days", paramLabel = "DAYS", defaultValue = "3650", description = "Device certificate validity (default: ${DEFAULT-VALUE}).")
    long validityDays;

    @Override
    int run() {
        DeviceId id = DeviceId.random(new SecureRandom());
        String host = mqttHost != null ? mqttHost : server.server().getHost();
        // Building the bundle first validates model, serial and ports before anything is issued or registered.
        if ((buttonPin == null) != (ledPin == null)) {
            throw new IllegalArgumentException("--button-pin and --led-pin go together: give both or neither");
        }
        DeviceBundle bundle = new DeviceBundle(id, model, serial, host, mqttPort, server.httpPort(), devicePort,
                Secrets.randomPassword(), buttonPin == null ? null : new DeviceBundle.GpioPins(buttonPin, ledPin));
        Path dir = out != null ? out : Path.of("data", "devices", id.value());
        if (Files.exists(dir.resolve(BundleLayout.PROPERTIES))) {
            throw new IllegalStateException(dir + " already holds a device bundle; choose another --out");
        }
        FleetInventoryClient client = server.client();
        FleetCa ca = FleetCa.load(pki.dir());
        IssuedCredential credential = ca.issueDevice(id, Duration.ofDays(validityDays));
        client.register(DeviceRegistration.of(id, model, serial, credential));
        try {
            bundle.write(dir, credential);
        } catch (RuntimeException e) {
            throw new IllegalStateException("device " + id + " is registered but its bundle could not be written to "
                    + dir + ": " + e.getMessage() + " (revoke it with `provision revoke " + id + "`)", e);
        }
        out().println("Enrolled " + model + " serial " + serial + " as " + id + "; bundle written to " + dir);
        out().println(id.value());
        return 0;
    }
}
