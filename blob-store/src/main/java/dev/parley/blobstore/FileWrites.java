package dev.parley.blobstore;

import java.nio.channels.AsynchronousFileChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Streams buffers into a file channel with the source's demand, releasing each buffer once written. */
final class FileWrites {

    private FileWrites() {
    }

    /** Emits the number of bytes written; fails when a known {@code length} does not match. */
    static Mono<Long> write(AsynchronousFileChannel channel, Flux<DataBuffer> content, long length) {
        AtomicLong written = new AtomicLong();
        return DataBufferUtils.write(content, channel)
                .doOnNext(buffer -> {
                    long total = written.addAndGet(buffer.readableByteCount());
                    DataBufferUtils.release(buffer);
                    if (length != BlobStore.UNKNOWN_LENGTH && total > length) {
                        throw new IllegalStateException("content longer than declared");
                    }
                })
                .then(Mono.fromCallable(() -> {
                    if (length != BlobStore.UNKNOWN_LENGTH && written.get() != length) {
                        throw new IllegalStateException("content shorter than declared");
                    }
                    return written.get();
                }));
    }
}
