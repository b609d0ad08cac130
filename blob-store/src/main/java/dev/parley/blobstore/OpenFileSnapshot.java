package dev.parley.blobstore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * A version of a file held by an open descriptor. A replace renames a new file over the path, but
 * an open descriptor keeps reading the inode it was opened on, so the snapshot's size and bytes
 * stay those of one version until it is closed.
 */
final class OpenFileSnapshot implements Snapshot {

    private static final int READ_BUFFER_SIZE = 64 * 1024;

    private final FileChannel channel;
    private final long size;

    private OpenFileSnapshot(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /**
     * Null when there is no file. rename(2) replaces its target atomically, so a concurrent replace
     * makes this open the old file or the new one, never neither.
     */
    static Snapshot open(Path path) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException missing) {
            return null;
        }
        try {
            return new OpenFileSnapshot(channel, channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Flux<DataBuffer> content(DataBufferFactory buffers) {
        return DataBufferUtils.takeUntilByteCount(DataBufferUtils.readByteChannel(() -> channel, buffers, READ_BUFFER_SIZE), size);
    }

    @Override
    public Optional<FileChannel> file() {
        return Optional.of(channel);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was written through this descriptor: closing it cannot lose data.
        }
    }
}
