package dk.bostotte.protocol.bundle;

/**
 * A device's config bundle: the directory of plain files that enrolment writes and the kiosk reads
 * ({@code key=value} lines of printable ASCII, PEM and PKCS#12). Both sides spell its names here.
 */
public final class BundleLayout {

    /** The bundle's settings, {@code key=value} lines; holds the keystore password, so it is private. */
    public static final String PROPERTIES = "device.properties";
    /** The device's key and certificate chain, PKCS#12, under {@link #KEYSTORE_ALIAS}. */
    public static final String KEYSTORE = "device.p12";
    public static final String KEYSTORE_ALIAS = "device";
    /** The fleet CA's certificate, PEM: the only issuer the device trusts for the fleet server. */
    public static final String CA_CERT = "ca.crt";
    /** The device's certificate and key as PEM too, for tools that do not read PKCS#12 (e.g. mosquitto_pub). */
    public static final String DEVICE_CERT = "device.crt";
    public static final String DEVICE_KEY = "device.key";

    // The keys of device.properties.
    public static final String DEVICE_ID = "device.id";
    public static final String MODEL = "device.model";
    public static final String SERIAL = "device.serial";
    public static final String SERVER_HOST = "server.host";
    public static final String MQTT_PORT = "server.mqtt.port";
    public static final String HTTP_PORT = "server.http.port";
    /** Optional: the fleet server's port for the devices' own HTTPS requests, else {@link #DEFAULT_DEVICE_PORT}. */
    public static final String DEVICE_PORT = "server.device.port";
    public static final String KEYSTORE_PASSWORD = "keystore.password";
    /** Optional, together: where the answer button and the status light are wired (BCM numbers). */
    public static final String BUTTON_PIN = "gpio.button.pin";
    public static final String LED_PIN = "gpio.led.pin";

    public static final int DEFAULT_DEVICE_PORT = 8443;

    private BundleLayout() {
    }
}
