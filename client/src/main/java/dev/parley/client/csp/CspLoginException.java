package dev.parley.client.csp;

import dev.parley.common.csp.payload.CloseError;

/**
 * The server refused the login: its first frame after the login-ack was a close-error that
 * forbids reconnecting (an unknown or revoked identity). The message is the server's.
 */
public class CspLoginException extends CspClosedException {

    public CspLoginException(CloseError closeError) {
        super(closeError);
    }
}
