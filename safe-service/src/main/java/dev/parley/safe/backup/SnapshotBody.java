package dev.parley.safe.backup;

import dev.parley.blobstore.Snapshot;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Mono;

/**
 * Sends a stored backup. A local file goes out with zero-copy (on Reactor Netty a
 * {@code FileRegion}, i.e. {@code sendfile}), so the bytes never enter the heap; anything else
 * streams. The snapshot is closed once the body is sent, failed or cancelled.
 */
record SnapshotBody(Snapshot snapshot) implements BodyInserter<Snapshot, ServerHttpResponse> {

    @Override
    public Mono<Void> insert(ServerHttpResponse response, Context context) {
        Optional<Path> file = snapshot.localFile();
        Mono<Void> write = file.isPresent() && response instanceof ZeroCopyHttpOutputMessage zeroCopy
                ? zeroCopy.writeWith(file.get(), 0, snapshot.size())
                : response.writeWith(snapshot.content(response.bufferFactory()));
        return write.doFinally(signal -> snapshot.close());
    }
}
