package dk.bostotte.device.config;

/** The config bundle is missing or unusable; the message names the file and is fit to show as is. */
public class BundleException extends Exception {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
