package dev.parley.service.internal;

/**
 * A request an internal endpoint refuses with 400; the message names the fault for the caller, so
 * it must be a constant of the service, never an echo of the request.
 */
public final class InvalidRequest extends Exception {

    public InvalidRequest(String message) {
        // Thrown for every bad request: a stack trace would cost more than the answer.
        super(message, null, false, false);
    }
}
