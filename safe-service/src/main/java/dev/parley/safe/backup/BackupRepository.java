package dev.parley.safe.backup;

import dev.parley.service.jdbc.BlockingJdbc;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The {@code backups} table of the {@code postgres} backend, data and all. Every method runs on
 * {@link BlockingJdbc}'s scheduler.
 */
final class BackupRepository {

    private final BlockingJdbc jdbc;

    BackupRepository(BlockingJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores {@code data} under {@code id} in one statement, so a reader sees either the old or
     * the new row, never a mix, and a failure leaves the old row. Emits true when the row was
     * created, false when it replaced one ({@code xmax = 0} only on a freshly inserted tuple).
     */
    Mono<Boolean> put(BackupId id, byte[] data) {
        return jdbc.call(client -> client.sql("""
                        INSERT INTO backups (backup_id, data, updated_at) VALUES (:id, :data, now())
                        ON CONFLICT (backup_id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
                        RETURNING (xmax = 0) AS created""")
                .param("id", id.bytes())
                .param("data", data)
                .query(Boolean.class)
                .single());
    }

    Mono<Optional<byte[]>> find(BackupId id) {
        return jdbc.call(client -> client.sql("SELECT data FROM backups WHERE backup_id = :id")
                .param("id", id.bytes())
                .query(byte[].class)
                .optional());
    }

    /** The stored size without reading the data, for HEAD. */
    Mono<Optional<Long>> size(BackupId id) {
        return jdbc.call(client -> client.sql("SELECT octet_length(data) FROM backups WHERE backup_id = :id")
                .param("id", id.bytes())
                .query(Long.class)
                .optional());
    }

    Mono<Boolean> delete(BackupId id) {
        return jdbc.call(client -> client.sql("DELETE FROM backups WHERE backup_id = :id")
                .param("id", id.bytes())
                .update() > 0);
    }

    /**
     * Deletes at most {@code limit} of the rows not updated for {@code days} days (by the
     * database clock, the one that set {@code updated_at}), oldest first. {@code SKIP LOCKED} lets
     * several nodes run the job at once without waiting on each other.
     */
    int deleteNotUpdatedFor(int days, int limit) {
        return jdbc.call(client -> client.sql("""
                        DELETE FROM backups WHERE backup_id IN (
                            SELECT backup_id FROM backups WHERE updated_at < now() - make_interval(days => :days)
                            ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .param("days", days)
                .param("limit", limit)
                .update()).block();
    }
}
