package dev.parley.media.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
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

    @Override
    void assertNoLeftovers() {
        assertThat(files()).isZero();
    }

    private long files() {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void writesObjectsAsFilesUnderTheKeysPrefix() {
        String key = newKey();
        store().put(key, chunks(randomBytes(10), 3), 10).block(WAIT);

        assertThat(directory.resolve(key.substring(0, 2)).resolve(key)).isRegularFile().hasSize(10);
        assertThat(store().open(key).block(WAIT).localFile()).isPresent();
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
