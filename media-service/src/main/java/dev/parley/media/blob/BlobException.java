package dev.parley.media.blob;

import org.springframework.http.HttpStatus;

/** A request the service refuses with {@code status} and a short plain-text reason. */
public class BlobException extends RuntimeException {

    private final HttpStatus status;

    public BlobException(HttpStatus status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static BlobException notFound() {
        return new BlobException(HttpStatus.NOT_FOUND, "blob not found");
    }

    public static BlobException tooLarge() {
        return new BlobException(HttpStatus.CONTENT_TOO_LARGE, "blob too large");
    }

    public static BlobException badRequest(String reason) {
        return new BlobException(HttpStatus.BAD_REQUEST, reason);
    }
}
