package dev.parley.client.csp;

import java.io.IOException;

/** The server refused the login: with its close-error message when it sent one. */
public class CspLoginException extends IOException {

    public CspLoginException(String message) {
        super(message);
    }
}
