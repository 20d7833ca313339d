package dk.bostotte.device.config;

import dk.bostotte.protocol.DeviceId;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The directory the provisioning CLI writes for one device: {@code device.properties}, the device's
 * key and certificate chain in {@code device.p12}, and the fleet CA in {@code ca.crt}. Parsed here,
 * without depending on the provisioning module, so the device only trusts what is on its own disk.
 */
public record ConfigBundle(Path dir, DeviceId deviceId, String model, String serial, String serverHost,
                           int mqttPort, int httpPort, int devicePort, char[] keystorePassword,
                           Optional<Integer> buttonPin, Optional<Integer> ledPin) {

    public static final String PROPERTIES = "device.properties";
    public static final String KEYSTORE = "device.p12";
    public static final String CA_CERT = "ca.crt";

    public static ConfigBundle load(Path dir) throws BundleException {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("config bundle directory " + dir + " does not exist");
        }
        for (String name : new String[] {PROPERTIES, KEYSTORE, CA_CERT}) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new BundleException("config bundle file " + dir.resolve(name) + " is missing");
            }
        }
        Path file = dir.resolve(PROPERTIES);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String id = required(p, file, "device.id");
        if (!DeviceId.isValid(id)) {
            throw new BundleException(file + ": device.id '" + id + "' is not a valid device id");
        }
        return new ConfigBundle(dir, new DeviceId(id), required(p, file, "device.model"),
                required(p, file, "device.serial"), required(p, file, "server.host"),
                port(p, file, "server.mqtt.port"), port(p, file, "server.http.port"),
                // Bundles written before the device API existed use its default port.
                p.getProperty("server.device.port") == null ? 8443 : port(p, file, "server.device.port"),
                p.getProperty("keystore.password", "").toCharArray(),
                // Where this kiosk's button and light are wired, when not the defaults.
                gpioPin(p, file, "gpio.button.pin"), gpioPin(p, file, "gpio.led.pin"));
    }

    private static Optional<Integer> gpioPin(Properties p, Path file, String key) throws BundleException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(within(v.trim(), 2, 27, file, key, "a GPIO (BCM number 2-27)"));
    }

    public Path keystoreFile() {
        return dir.resolve(KEYSTORE);
    }

    public Path caCertFile() {
        return dir.resolve(CA_CERT);
    }

    public String mqttUri() {
        return "ssl://" + serverHost + ":" + mqttPort;
    }

    private static String required(Properties p, Path file, String key) throws BundleException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new BundleException(file + ": " + key + " is missing");
        }
        return v.trim();
    }

    private static int port(Properties p, Path file, String key) throws BundleException {
        return within(required(p, file, key), 1, 65535, file, key, "a port number");
    }

    /** {@code v} as a whole number from {@code min} to {@code max}; otherwise an error naming the key and {@code what}. */
    private static int within(String v, int min, int max, Path file, String key, String what) throws BundleException {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BundleException(file + ": " + key + " '" + v + "' is not " + what);
    }

    @Override
    public String toString() {
        // Records print every component; the keystore password must never reach a log.
        return "ConfigBundle[" + dir + ", " + deviceId + ", " + mqttUri() + "]";
    }
}
