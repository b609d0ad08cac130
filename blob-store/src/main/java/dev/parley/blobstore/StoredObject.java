package dev.parley.blobstore;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;

/** An object found in a {@link BlobStore}: its size and a way to stream any byte range of it. */
public interface StoredObject {

    long size();

    /** Streams {@code length} bytes starting at {@code offset}; the caller releases each buffer. */
    Flux<DataBuffer> read(long offset, long length, DataBufferFactory buffers);

    /**
     * The object's file when it is a plain local file, so a server can send it with
     * {@code sendfile} instead of copying it through user space.
     */
    default Optional<Path> localFile() {
        return Optional.empty();
    }
}
