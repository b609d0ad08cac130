package dev.parley.safe.backup;

import dev.parley.service.jdbc.BlockingJdbc;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import reactor.core.publisher.Mono;

/**
 * The {@code backup_objects} table: one row per backup whose bytes live in the blob store, with
 * its size and when it last changed, for 201 against 204, HEAD and retention. Every reactive
 * method runs on {@link BlockingJdbc}'s scheduler.
 */
final class BackupObjectRepository {

    /** Keeps the IN list of one DELETE well below PostgreSQL's limit on bind parameters. */
    private static final int DELETE_CHUNK = 1000;

    private final BlockingJdbc jdbc;

    BackupObjectRepository(BlockingJdbc jdbc) {
        this.jdbc = jdbc;
    }

    Mono<Boolean> exists(BackupId id) {
        return jdbc.call(client -> client.sql("SELECT EXISTS (SELECT 1 FROM backup_objects WHERE backup_id = :id)")
                .param("id", id.bytes())
                .query(Boolean.class)
                .single());
    }

    /** Emits true when the row was created, false when it was updated ({@code xmax = 0} only on a fresh tuple). */
    Mono<Boolean> upsert(BackupId id, long size) {
        return jdbc.call(client -> client.sql("""
                        INSERT INTO backup_objects (backup_id, size, updated_at) VALUES (:id, :size, now())
                        ON CONFLICT (backup_id) DO UPDATE SET size = EXCLUDED.size, updated_at = EXCLUDED.updated_at
                        RETURNING (xmax = 0) AS created""")
                .param("id", id.bytes())
                .param("size", size)
                .query(Boolean.class)
                .single());
    }

    Mono<Optional<Long>> size(BackupId id) {
        return jdbc.call(client -> client.sql("SELECT size FROM backup_objects WHERE backup_id = :id")
                .param("id", id.bytes())
                .query(Long.class)
                .optional());
    }

    Mono<Boolean> delete(BackupId id) {
        return jdbc.call(client -> client.sql("DELETE FROM backup_objects WHERE backup_id = :id")
                .param("id", id.bytes())
                .update() > 0);
    }

    /**
     * Locks at most {@code limit} rows not updated for {@code days} days (by the database clock,
     * the one that set {@code updated_at}), oldest first, for the caller's transaction.
     * {@code SKIP LOCKED} lets several nodes purge at once without waiting on each other.
     */
    static List<byte[]> lockExpired(JdbcClient client, int days, int limit) {
        return client.sql("""
                        SELECT backup_id FROM backup_objects WHERE updated_at < now() - make_interval(days => :days)
                        ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("days", days)
                .param("limit", limit)
                .query(byte[].class)
                .list();
    }

    static void deleteRows(JdbcClient client, List<byte[]> ids) {
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            client.sql("DELETE FROM backup_objects WHERE backup_id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK)))
                    .update();
        }
    }

    /** Runs {@code work} on the JDBC scheduler and waits for it, for the retention job. */
    <T> T call(Function<JdbcClient, T> work) {
        return jdbc.call(work).block();
    }
}
