package dev.parley.safe.backup;

import dev.parley.safe.SafeProperties;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code PUT/GET/HEAD/DELETE backups/<id>} as the Threema Safe section of the whitepaper and the
 * real clients define them. Errors are a status with a short text body; backup IDs and bodies
 * are never logged.
 */
@Component
public class BackupHandler {

    static final String NOT_FOUND = "no such backup";

    private final BackupStorage storage;
    private final long maxBackupBytes;

    public BackupHandler(BackupStorage storage, SafeProperties properties) {
        this.storage = storage;
        this.maxBackupBytes = properties.maxBackupBytes();
    }

    public Mono<ServerResponse> put(ServerRequest request) {
        Optional<BackupId> id = BackupId.parse(request.pathVariable("id"));
        if (id.isEmpty()) {
            return invalidId();
        }
        if (!isOctetStream(request)) {
            return SafeResponses.error(HttpStatus.BAD_REQUEST, "Content-Type must be application/octet-stream");
        }
        long contentLength = request.headers().asHttpHeaders().getContentLength();
        if (contentLength > maxBackupBytes) {
            return tooLarge();
        }
        return storage.put(id.get(), request.bodyToFlux(DataBuffer.class), maxBackupBytes, contentLength)
                .flatMap(created -> created
                        ? ServerResponse.status(HttpStatus.CREATED).build()
                        : ServerResponse.noContent().build())
                .onErrorResume(BodyTooLargeException.class, e -> tooLarge());
    }

    public Mono<ServerResponse> get(ServerRequest request) {
        Optional<BackupId> id = BackupId.parse(request.pathVariable("id"));
        if (id.isEmpty()) {
            return invalidId();
        }
        if (!acceptsOctetStream(request)) {
            return SafeResponses.error(HttpStatus.BAD_REQUEST, "Accept must allow application/octet-stream");
        }
        return storage.find(id.get()).flatMap(found -> found
                .map(content -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .contentLength(content.size())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(content.body()))
                .orElseGet(BackupHandler::notFound));
    }

    public Mono<ServerResponse> head(ServerRequest request) {
        Optional<BackupId> id = BackupId.parse(request.pathVariable("id"));
        if (id.isEmpty()) {
            return invalidId();
        }
        if (!acceptsOctetStream(request)) {
            return SafeResponses.error(HttpStatus.BAD_REQUEST, "Accept must allow application/octet-stream");
        }
        return storage.size(id.get()).flatMap(found -> found
                .map(size -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .contentLength(size)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build())
                .orElseGet(() -> ServerResponse.notFound().build()));
    }

    public Mono<ServerResponse> delete(ServerRequest request) {
        Optional<BackupId> id = BackupId.parse(request.pathVariable("id"));
        if (id.isEmpty()) {
            return invalidId();
        }
        return storage.delete(id.get()).flatMap(deleted -> deleted
                ? ServerResponse.noContent().build()
                : notFound());
    }

    private static boolean isOctetStream(ServerRequest request) {
        try {
            return request.headers().contentType()
                    .map(type -> type.equalsTypeAndSubtype(MediaType.APPLICATION_OCTET_STREAM))
                    .orElse(false);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean acceptsOctetStream(ServerRequest request) {
        return acceptsOctetStream(request.headers().header(HttpHeaders.ACCEPT));
    }

    /** A missing Accept allows anything; otherwise one of its ranges with q > 0 must cover octet-stream. */
    static boolean acceptsOctetStream(List<String> values) {
        if (values == null || values.isEmpty()) {
            return true;
        }
        try {
            for (MediaType range : MediaType.parseMediaTypes(values)) {
                if (range.getQualityValue() > 0 && range.includes(MediaType.APPLICATION_OCTET_STREAM)) {
                    return true;
                }
            }
            return false;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static Mono<ServerResponse> invalidId() {
        return SafeResponses.error(HttpStatus.BAD_REQUEST, "backup ID must be 64 lowercase hex characters");
    }

    private Mono<ServerResponse> tooLarge() {
        return SafeResponses.error(HttpStatus.PAYLOAD_TOO_LARGE, "backup larger than " + maxBackupBytes + " bytes");
    }

    private static Mono<ServerResponse> notFound() {
        return SafeResponses.error(HttpStatus.NOT_FOUND, NOT_FOUND);
    }
}
