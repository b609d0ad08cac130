package dev.parley.client.safe;

/** A Safe operation failed for a reason the caller can show: bad backup, refused upload, ... */
public class SafeException extends RuntimeException {

    public SafeException(String message) {
        super(message);
    }

    public SafeException(String message, Throwable cause) {
        super(message, cause);
    }
}
