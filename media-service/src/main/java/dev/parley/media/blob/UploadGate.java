package dev.parley.media.blob;

import dev.parley.media.MediaMetrics;
import dev.parley.media.ratelimit.UploadRateLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Checks that run before an upload's body is read: the declared length and the rate limit. */
@Component
public class UploadGate {

    /**
     * Room for the multipart framing around the blob bytes (boundaries and part headers, which
     * the reader bounds separately), so a blob of exactly the maximum size is not refused.
     */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final UploadRateLimiter rateLimiter;
    private final BlobService blobs;
    private final MediaMetrics metrics;

    public UploadGate(UploadRateLimiter rateLimiter, BlobService blobs, MediaMetrics metrics) {
        this.rateLimiter = rateLimiter;
        this.blobs = blobs;
        this.metrics = metrics;
    }

    public Mono<Void> admit(ServerHttpRequest request) {
        long declared = request.getHeaders().getContentLength();
        if (declared > blobs.maxSize() + MULTIPART_OVERHEAD) {
            metrics.rejectedTooLarge();
            return Mono.error(BlobException.tooLarge());
        }
        return rateLimiter.tryUpload(request)
                .flatMap(allowed -> allowed
                        ? Mono.<Void>empty()
                        : Mono.<Void>error(new BlobException(HttpStatus.TOO_MANY_REQUESTS, "too many uploads"))
                                .doOnError(refused -> metrics.rejectedRateLimited()));
    }

    /** The {@code persist} query parameter: {@code 1} or {@code 0}; absent means single-use. */
    public static boolean persist(String value) {
        return switch (value == null ? "0" : value) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw BlobException.badRequest("persist must be 0 or 1");
        };
    }
}
