package dev.parley.safe.backup;

import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code postgres} backend: the whole backup in one {@code bytea} value, replaced by one
 * statement. The body is read into memory first (at most {@code maxBytes}), because the value is
 * bound as one parameter.
 */
final class DatabaseBackupStorage implements BackupStorage {

    private final BackupRepository repository;

    DatabaseBackupStorage(BackupRepository repository) {
        this.repository = repository;
    }

    @Override
    public Mono<Boolean> put(BackupId id, Flux<DataBuffer> body, long maxBytes, long contentLength) {
        return BoundedBody.read(body, maxBytes, contentLength).flatMap(data -> repository.put(id, data));
    }

    @Override
    public Mono<Optional<BackupContent>> find(BackupId id) {
        return repository.find(id).map(found -> found.map(data -> new BackupContent(data.length,
                (response, context) -> response.writeWith(Mono.just(response.bufferFactory().wrap(data))))));
    }

    @Override
    public Mono<Optional<Long>> size(BackupId id) {
        return repository.size(id);
    }

    @Override
    public Mono<Boolean> delete(BackupId id) {
        return repository.delete(id);
    }

    @Override
    public int deleteNotUpdatedFor(int days, int limit) {
        return repository.deleteNotUpdatedFor(days, limit);
    }
}
