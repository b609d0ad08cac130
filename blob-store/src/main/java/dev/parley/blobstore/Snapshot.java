package dev.parley.blobstore;

import java.nio.channels.FileChannel;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * One version of a stored object, fixed when {@link BlobStore#snapshot} emitted it. Closing it
 * frees what holds that version (an open file, an open S3 response); closing twice is harmless.
 */
public interface Snapshot extends AutoCloseable {

    long size();

    /** Streams the whole object; read it at most once. The caller releases each buffer. */
    Flux<DataBuffer> content(DataBufferFactory buffers);

    /**
     * An open local file that holds exactly this version until {@link #close}, so a server can send
     * it with {@code sendfile} instead of copying it through user space. The snapshot owns the
     * channel: use either this or {@link #content}, and close the snapshot, not the channel.
     */
    default Optional<FileChannel> file() {
        return Optional.empty();
    }

    @Override
    void close();
}
