package dev.parley.client.directory;

/**
 * The directory refused a request: an application error ({@code success: false}) with the
 * server's message, or an HTTP status the client does not expect ({@link #status()} &gt; 0).
 */
public class DirectoryException extends Exception {

    private final int status;

    public DirectoryException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status for a protocol-level failure, 200 for an application error. */
    public int status() {
        return status;
    }

    public boolean rateLimited() {
        return status == 429;
    }
}
