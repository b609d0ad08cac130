package dev.parley.client.d2m;

import java.io.IOException;

/** The mediator closed the connection (or never accepted it) with a D2M close code. */
public final class D2mClosedException extends IOException {

    private final int code;

    public D2mClosedException(int code, String message) {
        super(message + " (close code " + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }
}
