package dev.parley.directory.web;

/** An unknown resource, e.g. an unknown identity on {@code GET identity/<ID>}: 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException() {
        super("not found", null, false, false);
    }
}
