package dev.parley.client.csp;

import dev.parley.common.csp.payload.CloseError;
import java.io.IOException;

/**
 * The CSP connection has ended. {@link #closeError()} is what the server said before it closed,
 * or null when it closed without a word (or the connection broke).
 */
public class CspClosedException extends IOException {

    private final transient CloseError closeError;

    public CspClosedException(CloseError closeError) {
        super(closeError == null ? "the chat server closed the connection" : closeError.message());
        this.closeError = closeError;
    }

    public CloseError closeError() {
        return closeError;
    }
}
