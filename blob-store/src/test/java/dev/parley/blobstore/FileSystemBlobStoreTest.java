package dev.parley.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Predicate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class FileSystemBlobStoreTest extends BlobStoreContract {

    private static Scheduler blocking;

    @TempDir
    Path directory;

    private FileSystemBlobStore store;

    @BeforeAll
    static void scheduler() {
        blocking = Schedulers.newBoundedElastic(4, 1000, "fs-store-test");
    }

    @AfterAll
    static void stopScheduler() {
        blocking.dispose();
    }

    @Override
    BlobStore store() {
        if (store == null) {
            store = new FileSystemBlobStore(directory, blocking);
        }
        return store;
    }

    /** Temporary files are hidden; the objects a test stored on purpose may stay. */
    @Override
    void assertNoLeftovers() {
        assertThat(files(path -> path.getFileName().toString().startsWith(".put-"))).isZero();
    }

    private long files(Predicate<Path> matching) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).filter(matching).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stricter than the contract's check: not even the key's directory holds a file. */
    @Test
    void aFailedPutLeavesNoFileAtAll() {
        Flux<DataBuffer> broken = chunks(randomBytes(50_000), 10_000)
                .concatWith(Flux.error(new IllegalStateException("reset")));

        assertThatThrownBy(() -> store().put(newKey(), broken, BlobStore.UNKNOWN_LENGTH).block(WAIT))
                .hasMessageContaining("reset");

        assertThat(files(path -> true)).isZero();
    }

    @Test
    void aReaderThatOpenedTheOldFileKeepsReadingItsBytes() throws Exception {
        String key = newKey();
        byte[] old = randomBytes(100_000);
        store().put(key, chunks(old, 8192), old.length).block(WAIT);

        Path file = directory.resolve(key.substring(0, 2)).resolve(key);
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            store().replace(key, chunks(randomBytes(3), 3), 3).block(WAIT);

            ByteBuffer bytes = ByteBuffer.allocate(old.length + 1);
            while (reader.read(bytes) > 0) {
                // Reads the whole old file.
            }
            assertThat(Arrays.copyOf(bytes.array(), bytes.position())).isEqualTo(old);
        }
        assertThat(store().open(key).block(WAIT).size()).isEqualTo(3);
    }

    /** The snapshot's open file keeps the version it opened while a replace renames another over it. */
    @Test
    void aSnapshotIsAnOpenFileThatKeepsItsVersionUntilClosed() throws Exception {
        String key = newKey();
        byte[] old = randomBytes(1000);
        store().put(key, chunks(old, 100), old.length).block(WAIT);

        Snapshot snapshot = store().snapshot(key).block(WAIT);
        FileChannel file = snapshot.file().orElseThrow();
        byte[] replacement = randomBytes(10);
        store().replace(key, chunks(replacement, 10), replacement.length).block(WAIT);

        assertThat(snapshot.size()).isEqualTo(1000);
        ByteBuffer bytes = ByteBuffer.allocate(2000);
        while (file.read(bytes, bytes.position()) > 0) {
            // Reads the whole old version.
        }
        assertThat(Arrays.copyOf(bytes.array(), bytes.position())).isEqualTo(old);
        snapshot.close();
        snapshot.close();
        assertThat(file.isOpen()).isFalse();
        assertThat(readSnapshot(key)).isEqualTo(replacement);
    }

    @Test
    void writesObjectsAsFilesUnderTheKeysPrefix() {
        String key = newKey();
        store().put(key, chunks(randomBytes(10), 3), 10).block(WAIT);

        assertThat(directory.resolve(key.substring(0, 2)).resolve(key)).isRegularFile().hasSize(10);
    }

    /** A found object holds its file open, so a server sends it without opening it again. */
    @Test
    void anOpenedObjectHoldsItsFileUntilClosed() throws Exception {
        String key = newKey();
        byte[] data = randomBytes(5000);
        store().put(key, chunks(data, 1000), data.length).block(WAIT);

        StoredObject object = store().open(key).block(WAIT);
        FileChannel file = object.file().orElseThrow();
        ByteBuffer read = ByteBuffer.allocate(10);
        store().delete(key).block(WAIT);
        file.read(read, 1000);

        assertThat(read.array()).isEqualTo(Arrays.copyOfRange(data, 1000, 1010));
        object.close();
        object.close();
        assertThat(file.isOpen()).isFalse();
    }

    /**
     * Memory stays flat: while 100 MiB stream through a put, the store never holds more than a
     * handful of the source's 64 KiB buffers at once (each buffer is written and released before
     * more are requested), so the heap needed does not grow with the object's size.
     */
    @Test
    void aHundredMebibytePutHoldsOnlyABoundedNumberOfBuffers() {
        int chunk = 64 * 1024;
        int count = 100 * 16;
        NettyDataBufferFactory netty = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
        Queue<ByteBuf> unreleased = new ConcurrentLinkedQueue<>();
        AtomicInteger maxUnreleased = new AtomicInteger();
        byte[] pattern = randomBytes(chunk);
        Flux<DataBuffer> source = Flux.range(0, count).map(i -> {
            unreleased.removeIf(buffer -> buffer.refCnt() == 0);
            maxUnreleased.accumulateAndGet(unreleased.size(), Math::max);
            ByteBuf buffer = UnpooledByteBufAllocator.DEFAULT.heapBuffer(chunk).writeBytes(pattern);
            unreleased.add(buffer);
            return netty.wrap(buffer);
        });
        String key = newKey();

        long stored = store().put(key, source, (long) chunk * count).block(WAIT);

        assertThat(stored).isEqualTo(100L * 1024 * 1024);
        unreleased.removeIf(buffer -> buffer.refCnt() == 0);
        assertThat(unreleased).as("buffers never released").isEmpty();
        assertThat(maxUnreleased.get()).as("buffers held at once").isLessThanOrEqualTo(4);
        store().delete(key).block(WAIT);
    }
}
