package dev.parley.media.blob;

import dev.parley.blobstore.StoredObject;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes a stored blob as a download response: 200 or 206 with a range, HEAD without a body. */
public final class BlobResponses {

    private BlobResponses() {
    }

    public static Mono<Void> send(ServerWebExchange exchange, StoredObject blob) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        long size = blob.size();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        // Blob IDs are never reused, but a blob can disappear (done, expiry): let no cache keep it.
        headers.setCacheControl("no-store");

        ByteRange range;
        try {
            range = ByteRange.parse(exchange.getRequest().getHeaders().getFirst(HttpHeaders.RANGE), size)
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
        if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return response.setComplete();
        }
        Optional<Path> file = blob.localFile();
        if (file.isPresent() && response instanceof ZeroCopyHttpOutputMessage zeroCopy) {
            // sendfile: the bytes go from the page cache to the socket without passing the heap.
            return zeroCopy.writeWith(file.get(), range.start(), range.length());
        }
        return response.writeWith(blob.read(range.start(), range.length(), response.bufferFactory()));
    }
}
