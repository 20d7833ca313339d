package dk.bostotte.provisioning.bundle;

import static dk.bostotte.protocol.bundle.BundleLayout.*;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.pki.CertificateRole;
import dk.bostotte.pki.IssuedCredential;
import dk.bostotte.pki.Pem;
import dk.bostotte.pki.PrivateFiles;
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

    public DeviceBundle(DeviceId id, String model, String serial, String serverHost, int mqttPort, int httpPort,
                        String keystorePassword) {
        this(id, model, serial, serverHost, mqttPort, httpPort, DEFAULT_DEVICE_PORT, keystorePassword, null);
    }

    public DeviceBundle(DeviceId id, String model, String serial, String serverHost, int mqttPort, int httpPort,
                        int devicePort, String keystorePassword) {
        this(id, model, serial, serverHost, mqttPort, httpPort, devicePort, keystorePassword, null);
    }

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
        String id = PlainValue.get(p, DEVICE_ID, file);
        return new DeviceBundle(
                DeviceId.parse(id).orElseThrow(() -> new IllegalArgumentException("bad " + DEVICE_ID + " in " + file + ": " + id)),
                PlainValue.get(p, MODEL, file),
                PlainValue.get(p, SERIAL, file),
                PlainValue.get(p, SERVER_HOST, file),
                PlainValue.getPort(p, MQTT_PORT, file),
                PlainValue.getPort(p, HTTP_PORT, file),
                p.containsKey(DEVICE_PORT) ? PlainValue.getPort(p, DEVICE_PORT, file) : DEFAULT_DEVICE_PORT,
                PlainValue.get(p, KEYSTORE_PASSWORD, file),
                p.containsKey(BUTTON_PIN) || p.containsKey(LED_PIN)
                        ? new GpioPins(PlainValue.getInt(p, BUTTON_PIN, file, "a GPIO pin"),
                                PlainValue.getInt(p, LED_PIN, file, "a GPIO pin")) : null);
    }

    private String properties() {
        StringBuilder b = new StringBuilder("# Bostotte Online device bundle. Keep private: holds the keystore password.\n");
        line(b, DEVICE_ID, id.value());
        line(b, MODEL, model);
        line(b, SERIAL, serial);
        line(b, SERVER_HOST, serverHost);
        line(b, MQTT_PORT, mqttPort);
        line(b, HTTP_PORT, httpPort);
        line(b, DEVICE_PORT, devicePort);
        line(b, KEYSTORE_PASSWORD, keystorePassword);
        if (gpio != null) {
            line(b, BUTTON_PIN, gpio.buttonPin());
            line(b, LED_PIN, gpio.ledPin());
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, Object value) {
        b.append(key).append('=').append(value).append('\n');
    }
}
