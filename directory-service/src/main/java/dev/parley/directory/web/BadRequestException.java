package dev.parley.directory.web;

/** Malformed JSON or a missing or malformed field: 400 with a short message. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
