package dev.parley.mediator.reflection;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a device's reflection queue in storage order; writes go through {@link ReflectionWriter}. */
@Repository
public class ReflectionQueue {

    private final JdbcClient jdbc;

    public ReflectionQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} queued reflections after {@code afterSequence}, oldest first. */
    public List<QueuedReflection> after(byte[] groupId, long deviceId, long afterSequence, int limit) {
        return jdbc.sql("SELECT reflected_id, flags, stored_at, envelope FROM reflection_queue "
                        + "WHERE group_id = ? AND device_id = ? AND reflected_id > ? ORDER BY reflected_id LIMIT ?")
                .params(groupId, deviceId, afterSequence, limit)
                .query((rs, n) -> new QueuedReflection(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getBytes(4)))
                .list();
    }

    /**
     * Deletes reflections stored before {@code cutoffMillis}, at most {@code limit} at a time, and
     * keeps the slots' queue lengths right. Returns how many were deleted.
     */
    public int expire(long cutoffMillis, int limit) {
        return jdbc.sql("WITH gone AS (DELETE FROM reflection_queue WHERE ctid IN (SELECT ctid FROM reflection_queue "
                        + "WHERE stored_at < ? LIMIT ?) RETURNING group_id, device_id), "
                        + "counted AS (SELECT group_id, device_id, count(*) AS n FROM gone GROUP BY 1, 2), "
                        + "fixed AS (UPDATE device_slots d SET queue_length = greatest(0, d.queue_length - c.n) "
                        + "FROM counted c WHERE d.group_id = c.group_id AND d.device_id = c.device_id RETURNING 1) "
                        + "SELECT coalesce(sum(n), 0) FROM counted")
                .params(cutoffMillis, limit)
                .query(Integer.class)
                .single();
    }
}
