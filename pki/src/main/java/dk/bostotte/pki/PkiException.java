package dk.bostotte.pki;

/** A cryptographic operation failed; wraps the JCA's checked exceptions, which callers cannot act on. */
public class PkiException extends RuntimeException {

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }

    public PkiException(String message) {
        super(message);
    }
}
