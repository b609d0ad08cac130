package dev.parley.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What every {@link BlobStore} must do; each backend runs it against a real store. */
abstract class BlobStoreContract {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    abstract BlobStore store();

    static String newKey() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    static Flux<DataBuffer> chunks(byte[] data, int chunk) {
        return Flux.range(0, (data.length + chunk - 1) / chunk)
                .map(i -> BUFFERS.wrap(Arrays.copyOfRange(data, i * chunk, Math.min(data.length, (i + 1) * chunk))));
    }

    static byte[] join(Flux<DataBuffer> content) {
        return DataBufferUtils.join(content).map(buffer -> {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
            return bytes;
        }).defaultIfEmpty(new byte[0]).block(WAIT);
    }

    @Test
    void storesAndReadsBackWholeAndRanges() {
        String key = newKey();
        byte[] data = randomBytes(300_000);

        long stored = store().put(key, chunks(data, 8192), BlobStore.UNKNOWN_LENGTH).block(WAIT);

        assertThat(stored).isEqualTo(data.length);
        try (StoredObject object = store().open(key).block(WAIT)) {
            assertThat(object.size()).isEqualTo(data.length);
            assertThat(join(object.read(0, data.length, BUFFERS))).isEqualTo(data);
            assertThat(join(object.read(1000, 70_000, BUFFERS)))
                    .isEqualTo(Arrays.copyOfRange(data, 1000, 71_000));
            assertThat(join(object.read(data.length - 1, 1, BUFFERS))).containsExactly(data[data.length - 1]);
        }
        assertThat(store().exists(key).block(WAIT)).isTrue();
    }

    @Test
    void opensAnObjectOfKnownSize() {
        String key = newKey();
        byte[] data = randomBytes(100_000);
        store().put(key, chunks(data, 8192), data.length).block(WAIT);

        try (StoredObject object = store().open(key, data.length).block(WAIT)) {
            assertThat(object.size()).isEqualTo(data.length);
            assertThat(join(object.read(0, data.length, BUFFERS))).isEqualTo(data);
            assertThat(join(object.read(99_000, 1000, BUFFERS))).isEqualTo(Arrays.copyOfRange(data, 99_000, 100_000));
        }
    }

    @Test
    void anObjectOfKnownSizeThatIsGoneIsEmptyOrFailsWhenRead() {
        String key = newKey();

        // The filesystem finds out when it opens the file, S3 only when it reads: either way no
        // reader takes silence for the object.
        Optional<StoredObject> found = store().open(key, 10).blockOptional(WAIT);
        found.ifPresent(object -> {
            try (object) {
                assertThatThrownBy(() -> join(object.read(0, 10, BUFFERS))).isInstanceOf(RuntimeException.class);
            }
        });
    }

    @Test
    void storesAnEmptyObject() {
        String key = newKey();

        assertThat(store().put(key, Flux.empty(), 0).block(WAIT)).isZero();

        assertThat(store().open(key).block(WAIT).size()).isZero();
    }

    @Test
    void missingKeysAreEmptyAndDeletingThemIsFine() {
        String key = newKey();

        assertThat(store().open(key).blockOptional(WAIT)).isEmpty();
        assertThat(store().exists(key).block(WAIT)).isFalse();
        store().delete(key).block(WAIT);
    }

    @Test
    void deleteRemovesTheObject() {
        String key = newKey();
        store().put(key, chunks("gone soon".getBytes(StandardCharsets.US_ASCII), 4), BlobStore.UNKNOWN_LENGTH).block(WAIT);

        store().delete(key).block(WAIT);

        assertThat(store().exists(key).block(WAIT)).isFalse();
        assertThat(store().open(key).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void aStreamThatBreaksLeavesNothing() {
        String key = newKey();
        Flux<DataBuffer> broken = chunks(randomBytes(100_000), 10_000)
                .concatWith(Mono.error(new IllegalStateException("connection reset")));

        assertThatThrownBy(() -> store().put(key, broken, BlobStore.UNKNOWN_LENGTH).block(WAIT))
                .hasMessageContaining("connection reset");

        assertThat(store().exists(key).block(WAIT)).isFalse();
        assertNoLeftovers();
    }

    @Test
    void aLengthMismatchFailsAndLeavesNothing() {
        String shorter = newKey();
        String longer = newKey();

        assertThatThrownBy(() -> store().put(shorter, chunks(randomBytes(100), 10), 101).block(WAIT))
                .hasMessageContaining("shorter");
        assertThatThrownBy(() -> store().put(longer, chunks(randomBytes(100), 10), 99).block(WAIT))
                .hasMessageContaining("longer");

        assertThat(store().exists(shorter).block(WAIT)).isFalse();
        assertThat(store().exists(longer).block(WAIT)).isFalse();
        assertNoLeftovers();
    }

    @Test
    void rejectsKeysThatCouldEscapeOrCollide() {
        assertThatThrownBy(() -> store().open("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().delete(".hidden")).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    byte[] readSnapshot(String key) {
        try (Snapshot snapshot = store().snapshot(key).block(WAIT)) {
            assertThat(snapshot).as("snapshot of a stored key").isNotNull();
            byte[] bytes = join(snapshot.content(BUFFERS));
            assertThat(bytes).hasSize((int) snapshot.size());
            return bytes;
        }
    }

    @Test
    void replaceCreatesThenSwapsTheObject() {
        String key = newKey();
        byte[] first = randomBytes(70_000);
        byte[] second = randomBytes(5_000);

        assertThat(store().replace(key, chunks(first, 8192), first.length).block(WAIT)).isEqualTo(first.length);
        assertThat(readSnapshot(key)).isEqualTo(first);
        assertThat(store().replace(key, chunks(second, 1000), BlobStore.UNKNOWN_LENGTH).block(WAIT)).isEqualTo(second.length);

        assertThat(readSnapshot(key)).isEqualTo(second);
        assertThat(store().open(key).block(WAIT).size()).isEqualTo(second.length);
    }

    @Test
    void aReplaceThatBreaksOrMismatchesLeavesTheOldObject() {
        String key = newKey();
        byte[] old = randomBytes(40_000);
        store().put(key, chunks(old, 4096), old.length).block(WAIT);
        Flux<DataBuffer> broken = chunks(randomBytes(100_000), 10_000)
                .concatWith(Mono.error(new IllegalStateException("connection reset")));

        assertThatThrownBy(() -> store().replace(key, broken, BlobStore.UNKNOWN_LENGTH).block(WAIT))
                .hasMessageContaining("connection reset");
        assertThatThrownBy(() -> store().replace(key, chunks(randomBytes(100), 10), 101).block(WAIT))
                .hasMessageContaining("shorter");

        assertThat(readSnapshot(key)).isEqualTo(old);
        assertNoLeftovers();
    }

    @Test
    void aCancelledReplaceLeavesTheOldObject() throws Exception {
        String key = newKey();
        byte[] old = randomBytes(10_000);
        store().put(key, chunks(old, 4096), old.length).block(WAIT);
        CountDownLatch started = new CountDownLatch(1);
        Flux<DataBuffer> stalled = chunks(randomBytes(50_000), 10_000)
                .concatWith(Flux.<DataBuffer>never().doOnSubscribe(s -> started.countDown()));

        Disposable replace = store().replace(key, stalled, BlobStore.UNKNOWN_LENGTH).subscribe();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        replace.dispose();

        assertThat(readSnapshot(key)).isEqualTo(old);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                assertNoLeftovers();
                break;
            } catch (AssertionError stillCleaningUp) {
                if (System.nanoTime() > deadline) {
                    throw stillCleaningUp;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void aSnapshotKeepsItsVersionThroughAReplaceAndADelete() {
        String key = newKey();
        byte[] old = randomBytes(200_000);
        store().put(key, chunks(old, 8192), old.length).block(WAIT);

        try (Snapshot snapshot = store().snapshot(key).block(WAIT)) {
            store().replace(key, chunks(randomBytes(1000), 100), 1000).block(WAIT);
            store().delete(key).block(WAIT);

            assertThat(snapshot.size()).isEqualTo(old.length);
            assertThat(join(snapshot.content(BUFFERS))).isEqualTo(old);
        }
        assertThat(store().snapshot(key).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void aSnapshotClosedUnreadFreesWhatItHeld() {
        String key = newKey();
        store().put(key, chunks(randomBytes(100_000), 8192), 100_000).block(WAIT);

        for (int i = 0; i < 100; i++) {
            store().snapshot(key).block(WAIT).close();
        }

        assertThat(readSnapshot(key)).hasSize(100_000);
    }

    /** Two writers swap two versions as fast as they can while readers take snapshots and read them whole. */
    @Test
    void concurrentReadersSeeTheOldOrTheNewObjectInFull() throws Exception {
        String key = newKey();
        byte[] a = filled(100_000, 0xaa);
        byte[] b = filled(60_000, 0xbb);
        store().put(key, chunks(a, 16_384), a.length).block(WAIT);

        int reads = OldOrNew.race(a, b, 2, 100, 3,
                next -> store().replace(key, chunks(next, 16_384), next.length).block(WAIT),
                () -> readSnapshot(key));

        assertThat(reads).isPositive();
    }

    /** Backend-specific check that no temporary or partial data survived a failed put. */
    abstract void assertNoLeftovers();
}
