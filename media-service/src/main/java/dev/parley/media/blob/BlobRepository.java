package dev.parley.media.blob;

import dev.parley.service.jdbc.BlockingJdbc;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code blob} table. Every method runs on {@link BlockingJdbc}'s scheduler. */
@Repository
public class BlobRepository {

    private static final String VISIBLE = """
            expires_at > :now AND (
                (:public AND (mirror_scope IS NULL OR mirror_scope = 'public'))
                OR device_group_id = CAST(:dgid AS bytea))""";

    private final BlockingJdbc jdbc;

    public BlobRepository(BlockingJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Mono<Void> insert(BlobRecord blob) {
        return jdbc.call(sql -> sql.sql("""
                        INSERT INTO blob (id, size, persist, created_at, expires_at, mirror_scope, device_group_id)
                        VALUES (:id, :size, :persist, :created, :expires, :scope, :dgid)""")
                .param("id", blob.id().bytes())
                .param("size", blob.size())
                .param("persist", blob.persist())
                .param("created", utc(blob.createdAt()))
                .param("expires", utc(blob.expiresAt()))
                .param("scope", blob.mirrorScope() == null ? null : blob.mirrorScope().wire())
                .param("dgid", blob.deviceGroupId())
                .update()).then();
    }

    /** The size of a blob that {@code access} may see at {@code now}. */
    public Mono<Long> visibleSize(BlobId id, Access access, Instant now) {
        return jdbc.call(sql -> sql.sql("SELECT size FROM blob WHERE id = :id AND " + VISIBLE)
                        .param("id", id.bytes())
                        .param("now", utc(now))
                        .param("public", access.includePublic())
                        .param("dgid", access.deviceGroupId())
                        .query(Long.class)
                        .optional())
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * The sizes of those of {@code ids} that the blob server's paths may see at {@code now}
     * ({@link Access#PUBLIC}), keyed by ID: one statement for a batch of downloads.
     */
    public Map<BlobId, Long> publicSizes(JdbcClient sql, Collection<BlobId> ids, Instant now) {
        Map<BlobId, Long> sizes = new HashMap<>(ids.size() * 2);
        sql.sql("SELECT id, size FROM blob WHERE id = ANY (?) AND expires_at > ?"
                        + " AND (mirror_scope IS NULL OR mirror_scope = 'public')")
                .params(ids.stream().map(BlobId::bytes).toArray(byte[][]::new), utc(now))
                .query((row, n) -> sizes.put(new BlobId(row.getBytes(1)), row.getLong(2)))
                .list();
        return sizes;
    }

    /**
     * Marks a public blob done. A persistent blob records the time and stays; a single-use blob
     * is consumed (expired at once); a single-use mirror blob loses only its public copy.
     *
     * @return whether the blob was consumed, or empty when it is not visible
     */
    public Mono<Boolean> donePublic(BlobId id, Instant now) {
        return jdbc.call(sql -> sql.sql("""
                        UPDATE blob SET
                            done_at = CASE WHEN persist THEN coalesce(done_at, :now) ELSE done_at END,
                            expires_at = CASE WHEN NOT persist AND device_group_id IS NULL THEN :now ELSE expires_at END,
                            mirror_scope = CASE WHEN NOT persist AND device_group_id IS NOT NULL THEN 'local' ELSE mirror_scope END
                        WHERE id = :id AND expires_at > :now AND (mirror_scope IS NULL OR mirror_scope = 'public')
                        RETURNING expires_at <= :now""")
                        .param("id", id.bytes())
                        .param("now", utc(now))
                        .query(Boolean.class)
                        .optional())
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * Marks a device group's mirror copy done. A single-use public mirror blob keeps its public
     * copy; a single-use local one is consumed.
     */
    public Mono<Boolean> doneMirror(BlobId id, byte[] deviceGroupId, Instant now) {
        return jdbc.call(sql -> sql.sql("""
                        UPDATE blob SET
                            done_at = CASE WHEN persist THEN coalesce(done_at, :now) ELSE done_at END,
                            expires_at = CASE WHEN NOT persist AND mirror_scope = 'local' THEN :now ELSE expires_at END,
                            device_group_id = CASE WHEN NOT persist AND mirror_scope = 'public' THEN NULL ELSE device_group_id END,
                            mirror_scope = CASE WHEN NOT persist AND mirror_scope = 'public' THEN NULL ELSE mirror_scope END
                        WHERE id = :id AND expires_at > :now AND device_group_id = :dgid
                        RETURNING expires_at <= :now""")
                        .param("id", id.bytes())
                        .param("dgid", deviceGroupId)
                        .param("now", utc(now))
                        .query(Boolean.class)
                        .optional())
                .flatMap(Mono::justOrEmpty);
    }

    /** Whether the device group holds a mirror copy of the blob (visible or not to the public). */
    public Mono<Boolean> ownedBy(BlobId id, byte[] deviceGroupId, Instant now) {
        return jdbc.call(sql -> sql.sql("SELECT count(*) FROM blob WHERE id = :id AND device_group_id = :dgid AND expires_at > :now")
                .param("id", id.bytes())
                .param("dgid", deviceGroupId)
                .param("now", utc(now))
                .query(Long.class)
                .single() > 0);
    }

    /** Up to {@code limit} expired blob IDs, oldest first. */
    public Mono<List<BlobId>> expired(Instant now, int limit) {
        return jdbc.call(sql -> sql.sql("SELECT id FROM blob WHERE expires_at <= :now ORDER BY expires_at LIMIT :limit")
                .param("now", utc(now))
                .param("limit", limit)
                .query((row, n) -> new BlobId(row.getBytes(1)))
                .list());
    }

    /** Deletes rows that are still expired (a row is never deleted while it is visible). */
    public Mono<Integer> deleteExpired(List<BlobId> ids, Instant now) {
        if (ids.isEmpty()) {
            return Mono.just(0);
        }
        List<byte[]> raw = ids.stream().map(BlobId::bytes).toList();
        return jdbc.call(sql -> sql.sql("DELETE FROM blob WHERE id IN (:ids) AND expires_at <= :now")
                .param("ids", raw)
                .param("now", utc(now))
                .update());
    }

    public Mono<Optional<BlobRecord>> find(BlobId id) {
        return jdbc.call(sql -> sql.sql("""
                        SELECT size, persist, created_at, expires_at, mirror_scope, device_group_id FROM blob WHERE id = :id""")
                .param("id", id.bytes())
                .query((row, n) -> new BlobRecord(id, row.getLong(1), row.getBoolean(2),
                        row.getObject(3, OffsetDateTime.class).toInstant(), row.getObject(4, OffsetDateTime.class).toInstant(),
                        row.getString(5) == null ? null : MirrorScope.parse(row.getString(5)), row.getBytes(6)))
                .optional());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
