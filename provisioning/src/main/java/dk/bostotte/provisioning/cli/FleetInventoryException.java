package dk.bostotte.provisioning.cli;

/** The fleet server refused a request or could not be reached; the message is meant for the operator. */
public class FleetInventoryException extends RuntimeException {

    /** HTTP status, or -1 when no response arrived. */
    private final int status;
    private final String body;

    public FleetInventoryException(String message, int status, String body, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
