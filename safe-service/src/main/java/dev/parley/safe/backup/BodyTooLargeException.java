package dev.parley.safe.backup;

/** A request body passed {@code parley.safe.max-backup-bytes}; answered with 413. */
final class BodyTooLargeException extends RuntimeException {

    BodyTooLargeException() {
        super("body too large", null, false, false);
    }
}
