package dev.parley.client.media;

import java.io.IOException;

/** The blob server answered with a status the call does not accept. */
public class BlobHttpException extends IOException {

    private final int status;

    public BlobHttpException(int status, String message) {
        super(message + " (HTTP " + status + ")");
        this.status = status;
    }

    public int status() {
        return status;
    }
}
