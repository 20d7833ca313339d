package dk.bostotte.device.fleet;

/** The broker answered a publish with an MQTT 5 failure reason code (0x80 or above) instead of success. */
public class PublishRejectedException extends Exception {

    private final int reasonCode;

    public PublishRejectedException(String topic, int reasonCode) {
        super(String.format("broker refused publish to %s with reason code 0x%02x", topic, reasonCode));
        this.reasonCode = reasonCode;
    }

    public int reasonCode() {
        return reasonCode;
    }
}
