package dev.parley.media.blob;

import dev.parley.service.batch.Coalescer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Refusals as a status with a short plain-text reason; never a stack trace. */
@RestControllerAdvice(basePackages = "dev.parley.media")
class BlobErrors {

    /**
     * The answer a failed download gets here, for the direct GET that runs without this advice;
     * null for a failure that no handler here takes.
     */
    static ResponseEntity<String> downloadRefusal(Throwable error) {
        if (error instanceof BlobException refusal) {
            return new BlobErrors().refused(refusal);
        }
        if (error instanceof Coalescer.Overloaded overloaded) {
            return new BlobErrors().overloaded(overloaded);
        }
        return null;
    }

    @ExceptionHandler(BlobException.class)
    ResponseEntity<String> refused(BlobException refusal) {
        return text(refusal.status(), refusal.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> malformed(IllegalArgumentException malformed) {
        return text(HttpStatus.BAD_REQUEST, "bad request");
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<String> partTooLarge(DataBufferLimitException tooLarge) {
        return text(HttpStatus.BAD_REQUEST, "multipart headers or field too large");
    }

    /** More downloads wait for their lookup than the service queues: ask the client to retry. */
    @ExceptionHandler(Coalescer.Overloaded.class)
    ResponseEntity<String> overloaded(Coalescer.Overloaded overloaded) {
        return text(HttpStatus.SERVICE_UNAVAILABLE, "overloaded");
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<String> status(ResponseStatusException error) {
        HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
        return text(status == null ? HttpStatus.BAD_REQUEST : status, status == null ? "bad request" : status.getReasonPhrase());
    }

    private static ResponseEntity<String> text(HttpStatus status, String reason) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(reason);
    }
}
