package dev.parley.media.blob;

import dev.parley.blobstore.StoredObject;
import dev.parley.service.web.FileRegionResponse;
import dev.parley.service.web.TcpCork;
import java.nio.channels.FileChannel;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Writes a stored blob as a download response: 200 or 206 with a range, HEAD without a body. The
 * same writer serves WebFlux's download routes and the direct GET below them ({@link DirectBlobGet}).
 */
public final class BlobResponses {

    private BlobResponses() {
    }

    /**
     * Answers with the blob {@code found} emits, or fails with {@link BlobException#notFound} when
     * it is empty. The blob may hold its file open: it is closed once the answer is sent, failed or
     * cancelled.
     */
    public static Mono<Void> send(ServerHttpRequest request, ServerHttpResponse response, Mono<StoredObject> found) {
        return Mono.usingWhen(found.switchIfEmpty(Mono.error(BlobException::notFound)),
                blob -> write(request, response, blob),
                blob -> Mono.fromRunnable(blob::close));
    }

    private static Mono<Void> write(ServerHttpRequest request, ServerHttpResponse response, StoredObject blob) {
        HttpHeaders headers = response.getHeaders();
        long size = blob.size();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        // Blob IDs are never reused, but a blob can disappear (done, expiry): let no cache keep it.
        headers.setCacheControl("no-store");

        ByteRange range;
        try {
            range = ByteRange.parse(request.getHeaders().getFirst(HttpHeaders.RANGE), size)
                    .orElse(new ByteRange(0, size));
        } catch (ByteRange.Unsatisfiable unsatisfiable) {
            response.setStatusCode(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            headers.setContentLength(0);
            return response.setComplete();
        }
        if (range.length() != size) {
            response.setStatusCode(HttpStatus.PARTIAL_CONTENT);
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + range.start() + "-" + range.end() + "/" + size);
        } else {
            response.setStatusCode(HttpStatus.OK);
        }
        headers.setContentLength(range.length());
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            return response.setComplete();
        }
        Optional<FileChannel> file = blob.file();
        if (file.isPresent() && FileRegionResponse.supports(response)) {
            // sendfile from the descriptor the lookup opened: one open per download, no heap copy.
            return FileRegionResponse.send(response, file.get(), range.start(), range.length());
        }
        // An object store's body arrives in pieces; corked, they leave in full segments.
        return TcpCork.around(response, () -> response.writeWith(blob.read(range.start(), range.length(),
                response.bufferFactory())));
    }
}
