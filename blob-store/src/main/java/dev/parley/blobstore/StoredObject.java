package dev.parley.blobstore;

import java.nio.channels.FileChannel;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * An object found in a {@link BlobStore}: its size and a way to stream any byte range of it.
 * It may hold an open file: close it once done with it; closing twice is harmless.
 */
public interface StoredObject extends AutoCloseable {

    long size();

    /** Streams {@code length} bytes starting at {@code offset}; the caller releases each buffer. */
    Flux<DataBuffer> read(long offset, long length, DataBufferFactory buffers);

    /**
     * The object's file, opened when the store found it, when it is a plain local file: a server
     * can send any range of it with {@code sendfile} without opening it again. The object owns the
     * channel: close the object, not the channel.
     */
    default Optional<FileChannel> file() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
