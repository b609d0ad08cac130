package dev.parley.blobstore;

import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where blob bytes live, addressed by an opaque key. Implementations stream in both directions:
 * nothing here buffers a whole blob in memory.
 *
 * <p>A {@link #put} is all or nothing: the key becomes visible only once every byte is stored,
 * and a failed or cancelled put leaves no trace under the key. A {@link #replace} is the same for a
 * key that may already hold an object, and a {@link #snapshot} reads one version whatever
 * replaces it meanwhile.
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

    /**
     * Stores {@code content} under {@code key}, replacing any object there in one atomic step: a
     * concurrent reader sees the old or the new object in full, never a mix, and a failed or
     * cancelled replace leaves the old object untouched. Emits the number of bytes stored; every
     * buffer of {@code content} is released.
     *
     * @param length the exact length when known (a mismatch fails the replace), or {@link #UNKNOWN_LENGTH}
     */
    Mono<Long> replace(String key, Flux<DataBuffer> content, long length);

    /**
     * Opens a stored object for reading, or completes empty when there is none under the key.
     * Reads go to the key each time, so use this only for objects that are never replaced. The
     * caller closes it.
     */
    Mono<StoredObject> open(String key);

    /**
     * {@link #open(String)} for an object whose size the caller's own records hold. A store that
     * would spend a request on learning the size (S3's HEAD) trusts the caller instead, so an
     * object missing after all shows up only when it is read, as an error.
     */
    default Mono<StoredObject> open(String key, long size) {
        return open(key);
    }

    /**
     * The object as it is now, or empty when there is none: a later {@link #replace} or
     * {@link #delete} does not change what the snapshot reads. The caller closes it.
     */
    Mono<Snapshot> snapshot(String key);

    /** Deletes the object; deleting a missing key is not an error. */
    Mono<Void> delete(String key);

    Mono<Boolean> exists(String key);
}
