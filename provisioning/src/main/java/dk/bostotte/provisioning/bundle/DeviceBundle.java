package dk.bostotte.provisioning.bundle;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.provisioning.pki.CertificateRole;
import dk.bostotte.provisioning.pki.IssuedCredential;
import dk.bostotte.provisioning.pki.Pem;
import dk.bostotte.provisioning.pki.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Everything a kiosk needs to join the fleet, as a directory of plain files. The device app parses
 * these files itself (it does not depend on this module), so the format stays deliberately simple:
 * {@code key=value} lines of printable ASCII with no escapes, PEM and PKCS#12.
 */
public record DeviceBundle(DeviceId id, String model, String serial, String serverHost, int mqttPort, int httpPort,
        int devicePort, String keystorePassword, GpioPins gpio) {

    /**
     * Where the answer button and the status light are wired on this kiosk (BCM numbers); null in a
     * bundle means the device's defaults (button 17, light 27, as hardware-notes/wiring.md wires them).
     */
    public record GpioPins(int buttonPin, int ledPin) {
        public GpioPins {
            if (buttonPin < 2 || buttonPin > 27 || ledPin < 2 || ledPin > 27) {
                throw new IllegalArgumentException("GPIO pins are BCM numbers 2-27, not " + buttonPin + " and " + ledPin);
            }
            if (buttonPin == ledPin) {
                throw new IllegalArgumentException("the button and the light cannot share GPIO " + buttonPin);
            }
        }
    }

    /** The fleet server's port for devices' own HTTPS requests (network measurements), unless told otherwise. */
    public static final int DEFAULT_DEVICE_PORT = 8443;

    public DeviceBundle(DeviceId id, String model, String serial, String serverHost, int mqttPort, int httpPort,
                        String keystorePassword) {
        this(id, model, serial, serverHost, mqttPort, httpPort, DEFAULT_DEVICE_PORT, keystorePassword, null);
    }

    public DeviceBundle(DeviceId id, String model, String serial, String serverHost, int mqttPort, int httpPort,
                        int devicePort, String keystorePassword) {
        this(id, model, serial, serverHost, mqttPort, httpPort, devicePort, keystorePassword, null);
    }

    public static final String PROPERTIES = "device.properties";
    public static final String KEYSTORE = "device.p12";
    public static final String CA_CERT = "ca.crt";
    public static final String DEVICE_CERT = "device.crt";
    public static final String DEVICE_KEY = "device.key";
    public static final String KEYSTORE_ALIAS = "device";

    public DeviceBundle {
        if (id == null) {
            throw new IllegalArgumentException("device id is required");
        }
        PlainValue.require("model", model);
        PlainValue.require("serial", serial);
        PlainValue.require("server host", serverHost);
        PlainValue.require("keystore password", keystorePassword);
        PlainValue.requirePort("MQTT port", mqttPort);
        PlainValue.requirePort("HTTP port", httpPort);
        PlainValue.requirePort("device API port", devicePort);
    }

    /** Writes the bundle into {@code dir} (created 0700); private material is written 0600. */
    public void write(Path dir, IssuedCredential credential) {
        String cn = CertificateRole.commonName(credential.certificate()).orElse("");
        if (!cn.equals(id.value())) {
            throw new IllegalArgumentException("certificate is for '" + cn + "', not device " + id);
        }
        PrivateFiles.createDirectory(dir);
        credential.writePkcs12(dir.resolve(KEYSTORE), keystorePassword.toCharArray(), KEYSTORE_ALIAS);
        credential.writePem(dir.resolve(DEVICE_KEY), dir.resolve(DEVICE_CERT));
        Pem.writeCertificate(dir.resolve(CA_CERT), credential.ca());
        // The password is in here, so it is as private as the key.
        PrivateFiles.replace(dir.resolve(PROPERTIES), properties().getBytes(StandardCharsets.US_ASCII));
    }

    public static DeviceBundle read(Path dir) {
        Path file = dir.resolve(PROPERTIES);
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read device bundle " + file + ": " + e, e);
        }
        String id = PlainValue.get(p, "device.id", file);
        return new DeviceBundle(
                DeviceId.parse(id).orElseThrow(() -> new IllegalArgumentException("bad device.id in " + file + ": " + id)),
                PlainValue.get(p, "device.model", file),
                PlainValue.get(p, "device.serial", file),
                PlainValue.get(p, "server.host", file),
                PlainValue.getPort(p, "server.mqtt.port", file),
                PlainValue.getPort(p, "server.http.port", file),
                p.containsKey("server.device.port") ? PlainValue.getPort(p, "server.device.port", file) : DEFAULT_DEVICE_PORT,
                PlainValue.get(p, "keystore.password", file),
                p.containsKey("gpio.button.pin") || p.containsKey("gpio.led.pin")
                        ? new GpioPins(PlainValue.getInt(p, "gpio.button.pin", file, "a GPIO pin"),
                                PlainValue.getInt(p, "gpio.led.pin", file, "a GPIO pin")) : null);
    }

    private String properties() {
        return "# Bostotte Online device bundle. Keep private: holds the keystore password.\n"
                + "device.id=" + id.value() + "\n"
                + "device.model=" + model + "\n"
                + "device.serial=" + serial + "\n"
                + "server.host=" + serverHost + "\n"
                + "server.mqtt.port=" + mqttPort + "\n"
                + "server.http.port=" + httpPort + "\n"
                + "server.device.port=" + devicePort + "\n"
                + "keystore.password=" + keystorePassword + "\n"
                + (gpio == null ? "" : "gpio.button.pin=" + gpio.buttonPin() + "\n" + "gpio.led.pin=" + gpio.ledPin() + "\n");
    }
}
