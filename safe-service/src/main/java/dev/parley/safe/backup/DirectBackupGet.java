package dev.parley.safe.backup;

import dev.parley.safe.throttle.ThrottleFilter;
import dev.parley.service.web.RequestTimers;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * {@code GET backups/<id>} on the bare request and response, below WebFlux's exchange,
 * dispatcher and request observation, which cost about half of what a GET from the filesystem
 * backend did (bench/safe). Only a request that the routes would answer from the store takes
 * this path: a well-formed ID, an Accept that allows octet-stream, and no authentication
 * configured. Everything else (another method or path, a malformed ID, a refused Accept, Basic or
 * token authentication) goes through the routes, whose answers it would repeat. The throttle,
 * the storage and the response bodies are the routes' own, so both paths answer alike.
 */
final class DirectBackupGet {

    private static final Logger log = LoggerFactory.getLogger(DirectBackupGet.class);

    private final String prefix;
    private final BackupStorage storage;
    private final ThrottleFilter throttle;
    private final RequestTimers timers;

    /** @param base the base path without its trailing slash ({@code ""} for {@code /}) */
    DirectBackupGet(String base, BackupStorage storage, ThrottleFilter throttle, RequestTimers timers) {
        this.prefix = base + "/backups/";
        this.storage = storage;
        this.throttle = throttle;
        this.timers = timers;
    }

    HttpHandler decorate(HttpHandler routes) {
        return (request, response) -> {
            Optional<BackupId> id = servedHere(request);
            if (id.isEmpty()) {
                return routes.handle(request, response);
            }
            long start = System.nanoTime();
            return serve(request, response, id.get()).doFinally(signal -> {
                HttpStatusCode status = signal == SignalType.CANCEL ? null : response.getStatusCode();
                timers.record(status == null ? 0 : status.value(), System.nanoTime() - start);
            });
        };
    }

    private Optional<BackupId> servedHere(ServerHttpRequest request) {
        if (!HttpMethod.GET.equals(request.getMethod())) {
            return Optional.empty();
        }
        String path = request.getPath().value();
        if (path.length() != prefix.length() + 64 || !path.startsWith(prefix)
                || !BackupHandler.acceptsOctetStream(request.getHeaders().get(HttpHeaders.ACCEPT))) {
            return Optional.empty();
        }
        return BackupId.parse(path.substring(prefix.length()));
    }

    private Mono<Void> serve(ServerHttpRequest request, ServerHttpResponse response, BackupId id) {
        return throttle.take(request, Optional.of(id)).flatMap(wait -> {
            if (wait.isNegative()) {
                return text(response, HttpStatus.SERVICE_UNAVAILABLE, ThrottleFilter.UNAVAILABLE + "\n");
            }
            if (!wait.isZero() && !wait.isNegative()) {
                response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()));
                return text(response, HttpStatus.TOO_MANY_REQUESTS, ThrottleFilter.REFUSED);
            }
            return storage.find(id).flatMap(found -> found
                    .map(content -> send(response, content))
                    .orElseGet(() -> text(response, HttpStatus.NOT_FOUND, BackupHandler.NOT_FOUND + "\n")));
        }).onErrorResume(e -> {
            if (response.isCommitted()) {
                return Mono.error(e);
            }
            log.warn("GET backups/<id> failed: {}", e.getClass().getName());
            return e instanceof DataAccessException || e instanceof BackupStoreException
                    ? text(response, HttpStatus.SERVICE_UNAVAILABLE, ThrottleFilter.UNAVAILABLE + "\n")
                    : text(response, HttpStatus.INTERNAL_SERVER_ERROR, "internal error\n");
        });
    }

    private static Mono<Void> send(ServerHttpResponse response, BackupContent content) {
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setContentLength(content.size());
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        return content.body().insert(response, null);
    }

    private static Mono<Void> text(ServerHttpResponse response, HttpStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
