package dev.parley.safe.backup;

import dev.parley.blobstore.BlobStore;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code filesystem} and {@code s3} backends: the bytes in a {@link BlobStore} under the
 * backup ID's hex, a metadata row in PostgreSQL.
 *
 * <p>A put streams the body into {@link BlobStore#replace} (nothing is held in memory) and then
 * upserts the row; the database is asked first, so that a put while it is down fails before the
 * stored backup is touched. A GET reads the store alone: the store's snapshot is what makes it
 * see the old or the new backup in full. A delete removes the row first, so a failure in between
 * leaves unreachable bytes rather than a row without them; retention removes the objects of the
 * rows it locked, then the rows, in one transaction per batch.
 */
final class StoredBackupStorage implements BackupStorage {

    /** Object deletions one retention batch has in flight at once. */
    private static final int PARALLEL_DELETES = 16;

    private final BlobStore store;
    private final BackupObjectRepository rows;
    private final TransactionTemplate transactions;

    StoredBackupStorage(BlobStore store, BackupObjectRepository rows, TransactionTemplate transactions) {
        this.store = store;
        this.rows = rows;
        this.transactions = transactions;
    }

    private static String key(BackupId id) {
        return id.hex();
    }

    /** A body over the limit is the client's doing and keeps its own answer, 413. */
    private static Throwable storeFailure(Throwable error) {
        return error instanceof BodyTooLargeException ? error : new BackupStoreException(error);
    }

    @Override
    public Mono<Boolean> put(BackupId id, Flux<DataBuffer> body, long maxBytes, long contentLength) {
        long length = contentLength >= 0 ? contentLength : BlobStore.UNKNOWN_LENGTH;
        Mono<Long> stored = store.replace(key(id), LimitedBody.limit(body, maxBytes), length)
                .onErrorMap(StoredBackupStorage::storeFailure);
        return rows.exists(id).then(stored).flatMap(size -> rows.upsert(id, size));
    }

    @Override
    public Mono<Optional<BackupContent>> find(BackupId id) {
        return store.snapshot(key(id))
                .onErrorMap(StoredBackupStorage::storeFailure)
                .map(snapshot -> Optional.of(new BackupContent(snapshot.size(), new SnapshotBody(snapshot))))
                .defaultIfEmpty(Optional.empty());
    }

    @Override
    public Mono<Optional<Long>> size(BackupId id) {
        return rows.size(id);
    }

    @Override
    public Mono<Boolean> delete(BackupId id) {
        return rows.delete(id).flatMap(deleted -> deleted
                ? store.delete(key(id)).onErrorMap(StoredBackupStorage::storeFailure).thenReturn(true)
                : Mono.just(false));
    }

    @Override
    public int deleteNotUpdatedFor(int days, int limit) {
        return rows.call(client -> transactions.execute(status -> {
            List<byte[]> ids = BackupObjectRepository.lockExpired(client, days, limit);
            Flux.fromIterable(ids)
                    .flatMap(id -> store.delete(key(new BackupId(id))), PARALLEL_DELETES)
                    .then()
                    .block();
            BackupObjectRepository.deleteRows(client, ids);
            return ids.size();
        }));
    }
}
