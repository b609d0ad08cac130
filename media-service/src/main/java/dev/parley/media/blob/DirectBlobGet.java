package dev.parley.media.blob;

import dev.parley.service.web.RequestTimers;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * {@code GET} and {@code HEAD /<blob ID>} on the bare request and response, below WebFlux's
 * exchange, dispatcher, filters and request observation, which cost more CPU than the download
 * itself (bench/media). Installed only when no authentication is configured, so the auth filter
 * has nothing to check; every other request (uploads, done, the mirror, the actuator) goes
 * through WebFlux. The lookup, the response writer and the refusals are the controller's own, so
 * both paths answer alike.
 */
final class DirectBlobGet {

    private static final Logger log = LoggerFactory.getLogger(DirectBlobGet.class);
    private static final int PATH_LENGTH = 1 + 2 * BlobId.LENGTH;

    private final BlobService blobs;
    private final RequestTimers gets;
    private final RequestTimers heads;

    DirectBlobGet(BlobService blobs, RequestTimers gets, RequestTimers heads) {
        this.blobs = blobs;
        this.gets = gets;
        this.heads = heads;
    }

    HttpHandler decorate(HttpHandler webflux) {
        return (request, response) -> {
            HttpMethod method = request.getMethod();
            boolean head = HttpMethod.HEAD.equals(method);
            String path = request.getPath().value();
            if (!(head || HttpMethod.GET.equals(method)) || !isBlobPath(path)) {
                return webflux.handle(request, response);
            }
            RequestTimers timers = head ? heads : gets;
            long start = System.nanoTime();
            return serve(request, response, BlobId.parse(path.substring(1))).doFinally(signal -> {
                HttpStatusCode status = signal == SignalType.CANCEL ? null : response.getStatusCode();
                timers.record(status == null ? 0 : status.value(), System.nanoTime() - start);
            });
        };
    }

    /** The controller's {@code /{blobId:[0-9a-fA-F]{32}}}, without a regex on every request. */
    static boolean isBlobPath(String path) {
        if (path.length() != PATH_LENGTH || path.charAt(0) != '/') {
            return false;
        }
        for (int i = 1; i < PATH_LENGTH; i++) {
            char c = path.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private Mono<Void> serve(ServerHttpRequest request, ServerHttpResponse response, BlobId id) {
        return BlobResponses.send(request, response, blobs.open(id, Access.PUBLIC)).onErrorResume(error -> {
            if (response.isCommitted()) {
                return Mono.error(error);
            }
            ResponseEntity<String> refusal = BlobErrors.downloadRefusal(error);
            if (refusal == null) {
                log.warn("{} /<blob ID> failed: {}", request.getMethod(), error.getClass().getName());
                refusal = ResponseEntity.internalServerError().contentType(MediaType.TEXT_PLAIN).body("internal error");
            }
            return text(request, response, refusal);
        });
    }

    private static Mono<Void> text(ServerHttpRequest request, ServerHttpResponse response, ResponseEntity<String> answer) {
        byte[] body = answer.getBody().getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(answer.getStatusCode());
        response.getHeaders().setContentType(answer.getHeaders().getContentType());
        response.getHeaders().setContentLength(body.length);
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            return response.setComplete();
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
