package dev.parley.client.csp;

import dev.parley.common.csp.payload.CloseError;

/**
 * The server refused the login: its first frame after the login-ack was a close-error that
 * forbids reconnecting, which is how it turns away an unknown or revoked identity. The message is
 * the server's. The protocol has no other marker, so a connection that was sent nothing before
 * a later close-error of that kind (a multi-device leader that has not unblocked yet) sees it as
 * a refusal too.
 */
public class CspLoginException extends CspClosedException {

    public CspLoginException(CloseError closeError) {
        super(closeError);
    }
}
