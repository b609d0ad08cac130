package dev.parley.media.store;

import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where blob bytes live, addressed by an opaque key. Implementations stream in both directions:
 * nothing here buffers a whole blob in memory.
 *
 * <p>A {@link #put} is all or nothing: the key becomes visible only once every byte is stored,
 * and a failed or cancelled put leaves no trace under the key.
 */
public interface BlobStore {

    /** Length passed to {@link #put} when the caller does not know it in advance. */
    long UNKNOWN_LENGTH = -1;

    /**
     * Stores {@code content} under {@code key}, replacing nothing: keys are written once. The
     * returned Mono emits the number of bytes stored. Every buffer of {@code content} is released.
     *
     * @param length the exact length when known (a mismatch fails the put), or {@link #UNKNOWN_LENGTH}
     */
    Mono<Long> put(String key, Flux<DataBuffer> content, long length);

    /** Opens a stored object for reading, or completes empty when there is none under the key. */
    Mono<StoredObject> open(String key);

    /** Deletes the object; deleting a missing key is not an error. */
    Mono<Void> delete(String key);

    Mono<Boolean> exists(String key);
}
