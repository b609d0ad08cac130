package dev.parley.safe.backup;

import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where backups live, one implementation per {@code parley.safe.storage.backend}. Every
 * implementation replaces atomically: a concurrent reader gets the old or the new backup in
 * full, and a failed put leaves the old one as it was.
 */
public interface BackupStorage {

    /**
     * Stores the body under {@code id}, failing with a {@link BodyTooLargeException} as soon as
     * it passes {@code maxBytes}. Emits true when the backup was created, false when it replaced one.
     *
     * @param contentLength the request's Content-Length (already within the limit), or -1
     */
    Mono<Boolean> put(BackupId id, Flux<DataBuffer> body, long maxBytes, long contentLength);

    Mono<Optional<BackupContent>> find(BackupId id);

    /** The stored size without reading the data, for HEAD. */
    Mono<Optional<Long>> size(BackupId id);

    /** Emits false when there was no such backup. */
    Mono<Boolean> delete(BackupId id);

    /**
     * Deletes at most {@code limit} of the backups not updated for {@code days} days, oldest
     * first, and returns how many; several nodes may run this at once. Blocks the caller.
     */
    int deleteNotUpdatedFor(int days, int limit);
}
