package dev.parley.safe.backup;

import dev.parley.blobstore.Snapshot;
import dev.parley.service.web.FileRegionResponse;
import java.nio.channels.FileChannel;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Mono;

/**
 * Sends a stored backup. An open local file goes out with zero-copy where the connection allows
 * it ({@link FileRegionResponse}), so the bytes never enter the heap; anything else streams. The
 * snapshot is closed once the body is sent, failed or cancelled.
 */
record SnapshotBody(Snapshot snapshot) implements BodyInserter<Snapshot, ServerHttpResponse> {

    @Override
    public Mono<Void> insert(ServerHttpResponse response, Context context) {
        Optional<FileChannel> file = snapshot.file();
        Mono<Void> write = file.isPresent() && FileRegionResponse.supports(response)
                ? FileRegionResponse.send(response, file.get(), 0, snapshot.size())
                : response.writeWith(snapshot.content(response.bufferFactory()));
        return write.doFinally(signal -> snapshot.close());
    }
}
