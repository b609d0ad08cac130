package dev.parley.blobstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Stores each object as a file {@code root/<first two key characters>/<key>}. A put or replace writes to a
 * hidden temporary file in the same directory and renames it into place atomically once every
 * byte is on disk, so readers never see a partial object and a broken put leaves nothing.
 *
 * <p>A {@link #snapshot} is the current file, opened: the open descriptor keeps that version while
 * a replace renames a new file over the path, and a server can send it with {@code sendfile}.
 *
 * <p>File writes go through {@link AsynchronousFileChannel} with the source's demand, joined into
 * writes of up to 256 KiB ({@link FileWrites}), so at most a few of them are in flight whatever the
 * object's size. Blocking file-system calls (directory creation, rename, fsync, delete) run on
 * {@code blocking}, never on the caller's thread; opening or sizing a file to read it is the
 * exception (see {@link #snapshot}).
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final String TEMP_PREFIX = ".put-";

    private final Path root;
    private final Scheduler blocking;

    public FileSystemBlobStore(Path root, Scheduler blocking) {
        this.root = LocalFiles.createDirectories(root, "blob directory");
        this.blocking = blocking;
    }

    public Path root() {
        return root;
    }

    Path pathOf(String key) {
        StoreKeys.check(key);
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    @Override
    public Mono<Long> put(String key, Flux<DataBuffer> content, long length) {
        return write(key, content, length, false);
    }

    /**
     * The rename replaces the old file in one step; a reader that opened the old file keeps its
     * bytes. Syncing the directory afterwards makes the new entry itself survive a crash.
     */
    @Override
    public Mono<Long> replace(String key, Flux<DataBuffer> content, long length) {
        return write(key, content, length, true);
    }

    private Mono<Long> write(String key, Flux<DataBuffer> content, long length, boolean syncDirectory) {
        Path target = pathOf(key);
        Path temp = target.resolveSibling(TEMP_PREFIX + key + "-" + UUID.randomUUID());
        return Mono.usingWhen(
                Mono.fromCallable(() -> openForWrite(temp)).subscribeOn(blocking),
                channel -> FileWrites.write(channel, content, length),
                channel -> Mono.fromRunnable(() -> commit(channel, temp, target, syncDirectory)).subscribeOn(blocking),
                (channel, error) -> discard(channel, temp),
                channel -> discard(channel, temp));
    }

    private static AsynchronousFileChannel openForWrite(Path temp) throws IOException {
        Files.createDirectories(temp.getParent());
        return AsynchronousFileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private static void commit(AsynchronousFileChannel channel, Path temp, Path target, boolean syncDirectory) {
        try {
            channel.force(false);
            channel.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            if (syncDirectory) {
                // Failing here reports a replace that is already visible; only a failing disk
                // gets here, and the caller's retry writes the same bytes again.
                LocalFiles.syncDirectory(target.getParent());
            }
        } catch (IOException e) {
            closeQuietly(channel);
            deleteQuietly(temp);
            throw new UncheckedIOException(e);
        }
    }

    private Mono<Void> discard(AsynchronousFileChannel channel, Path temp) {
        return Mono.<Void>fromRunnable(() -> {
            closeQuietly(channel);
            deleteQuietly(temp);
        }).subscribeOn(blocking);
    }

    /**
     * Opens the file on the caller's thread, like {@link #snapshot} and for the same reason; a
     * server then sends the object from that descriptor without another file-system call.
     */
    @Override
    public Mono<StoredObject> open(String key) {
        Path path = pathOf(key);
        return Mono.fromCallable(() -> FileObject.open(path));
    }

    /**
     * Opens the file on the caller's thread. An open and an fstat are the calls a web server makes
     * on its event loop to send a file anyway (Reactor Netty's own {@code sendFile} does), and
     * handing them to another thread and back cost more CPU than the calls themselves.
     */
    @Override
    public Mono<Snapshot> snapshot(String key) {
        Path path = pathOf(key);
        return Mono.fromCallable(() -> OpenFileSnapshot.open(path));
    }

    @Override
    public Mono<Void> delete(String key) {
        return LocalFiles.delete(pathOf(key), blocking);
    }

    @Override
    public Mono<Boolean> exists(String key) {
        Path path = pathOf(key);
        return Mono.fromCallable(() -> Files.isRegularFile(path)).subscribeOn(blocking);
    }

    private static void closeQuietly(AsynchronousFileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing after a failure: the original failure is what matters.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover hidden temporary file is never read as an object.
        }
    }

    /** An object opened as a snapshot: it is never replaced, so ranged reads may go to the path. */
    private record FileObject(Path path, Snapshot opened) implements StoredObject {

        /** Null when there is no file. */
        static StoredObject open(Path path) throws IOException {
            Snapshot opened = OpenFileSnapshot.open(path);
            return opened == null ? null : new FileObject(path, opened);
        }

        @Override
        public long size() {
            return opened.size();
        }

        @Override
        public Flux<DataBuffer> read(long offset, long length, DataBufferFactory buffers) {
            Flux<DataBuffer> all = DataBufferUtils.readAsynchronousFileChannel(
                    () -> AsynchronousFileChannel.open(path, StandardOpenOption.READ), offset, buffers, READ_BUFFER_SIZE);
            return DataBufferUtils.takeUntilByteCount(all, length);
        }

        @Override
        public Optional<FileChannel> file() {
            return opened.file();
        }

        @Override
        public void close() {
            opened.close();
        }
    }

}
