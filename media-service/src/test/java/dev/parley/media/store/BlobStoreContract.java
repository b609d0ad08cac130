package dev.parley.media.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
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
                .map(i -> BUFFERS.wrap(java.util.Arrays.copyOfRange(data, i * chunk, Math.min(data.length, (i + 1) * chunk))));
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
        StoredObject object = store().open(key).block(WAIT);
        assertThat(object.size()).isEqualTo(data.length);
        assertThat(join(object.read(0, data.length, BUFFERS))).isEqualTo(data);
        assertThat(join(object.read(1000, 70_000, BUFFERS)))
                .isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 71_000));
        assertThat(join(object.read(data.length - 1, 1, BUFFERS))).containsExactly(data[data.length - 1]);
        assertThat(store().exists(key).block(WAIT)).isTrue();
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

    /** Backend-specific check that no temporary or partial data survived a failed put. */
    abstract void assertNoLeftovers();
}
