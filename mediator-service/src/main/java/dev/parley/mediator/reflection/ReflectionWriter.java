package dev.parley.mediator.reflection;

import dev.parley.mediator.MediatorProperties;
import dev.parley.service.jdbc.GroupCommitWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;

/**
 * Group commit for reflection queues ({@link GroupCommitWriter}): every waiting reflect and ack,
 * up to {@link #MAX_BATCH}, is applied in one transaction, so a burst costs one commit.
 *
 * <p>A reflect is copied into the queue of every other slot of its group. Each slot's reflected
 * ID comes from a counter on the slot row, which the statement locks; the lock is held until
 * commit, so per slot the ID order is the commit order and a reader paging by ID never skips a
 * row that commits late. Operations are sorted by group before they run (a stable sort, so one
 * device's reflects keep their order), and slots are locked in device order, so two nodes'
 * batches always take row locks in the same order and cannot deadlock.
 *
 * <p>The queue in front is bounded: when the database falls behind, reflects are refused (the
 * device gets no reflect-ack and reconnects) instead of piling up in memory.
 */
@Component
public class ReflectionWriter extends GroupCommitWriter<ReflectionWriter.Op> {

    static final int MAX_BATCH = 500;
    private static final int CAPACITY = 50_000;
    private static final Comparator<Op> BY_GROUP = (a, b) -> Arrays.compareUnsigned(a.groupId(), b.groupId());

    private static final String REFLECT = """
            WITH locked AS (
                SELECT device_id FROM device_slots
                WHERE group_id = ? AND device_id <> ? AND NOT overflowed
                ORDER BY device_id FOR UPDATE),
            bumped AS (
                UPDATE device_slots d
                SET next_reflected_id = d.next_reflected_id + 1,
                    queue_length = d.queue_length + 1,
                    overflowed = d.queue_length >= ?
                FROM locked WHERE d.group_id = ? AND d.device_id = locked.device_id
                RETURNING d.device_id, d.next_reflected_id, d.overflowed)
            INSERT INTO reflection_queue (group_id, device_id, reflected_id, flags, stored_at, envelope)
            SELECT ?, device_id, next_reflected_id, ?, ?, ? FROM bumped WHERE NOT overflowed
            """;

    private static final String ACK = """
            WITH gone AS (
                DELETE FROM reflection_queue
                WHERE group_id = ? AND device_id = ? AND reflected_id = ANY (?) RETURNING 1)
            UPDATE device_slots SET queue_length = greatest(0, queue_length - (SELECT count(*) FROM gone))
            WHERE group_id = ? AND device_id = ?
            """;

    /** A queued write. */
    sealed interface Op permits Reflect, Ack {
        byte[] groupId();
    }

    record Reflect(byte[] groupId, long senderDevice, int flags, long storedAt, byte[] envelope) implements Op {
    }

    record Ack(byte[] groupId, long deviceId, Long[] sequences) implements Op {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int maxQueueLength;
    private volatile Consumer<Set<GroupAndSender>> onStored = stored -> { };

    /**
     * A group and one of its devices: for stored reflections the device that sent them (it needs
     * no notification), for acks the device whose queue shrinks.
     */
    public record GroupAndSender(byte[] groupId, long senderDevice) {
        @Override
        public boolean equals(Object o) {
            return o instanceof GroupAndSender g && g.senderDevice == senderDevice && Arrays.equals(g.groupId, groupId);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(groupId) * 31 + Long.hashCode(senderDevice);
        }
    }

    public ReflectionWriter(DataSource dataSource, MediatorProperties properties) {
        super("mediator-reflection-writer", MAX_BATCH, CAPACITY);
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.maxQueueLength = properties.reflection().maxQueueLength();
    }

    /** Called after each commit with the groups whose queues grew; wired once by the delivery side. */
    public void onStored(Consumer<Set<GroupAndSender>> listener) {
        this.onStored = listener;
    }

    /**
     * Queues the reflect now (the storage order is the order of these calls) and completes once
     * it is in the queue of every other device of the group.
     */
    public Mono<Void> reflect(byte[] groupId, long senderDevice, int flags, long storedAt, byte[] envelope) {
        return Mono.fromFuture(submit(new Reflect(groupId, senderDevice, flags, storedAt, envelope)));
    }

    /** Removes acknowledged reflections; if this is lost, they are delivered again, never lost. */
    public void ack(byte[] groupId, long deviceId, List<Long> sequences) {
        if (!sequences.isEmpty()) {
            submit(new Ack(groupId, deviceId, sequences.toArray(Long[]::new)));
        }
    }

    @Override
    protected void write(List<Op> batch) {
        List<Op> sorted = new ArrayList<>(batch);
        sorted.sort(BY_GROUP);
        writeRetryingDeadlocks(sorted);
    }

    @Override
    protected void committed(List<Op> batch) {
        Set<GroupAndSender> grown = new LinkedHashSet<>();
        for (Op op : batch) {
            if (op instanceof Reflect r) {
                grown.add(new GroupAndSender(r.groupId(), r.senderDevice()));
            }
        }
        notifyStored(grown);
    }

    /**
     * Acks run before reflects within a batch, so batches of two nodes can still take row locks in
     * different orders; PostgreSQL then aborts one of them, and it simply runs again.
     */
    private void writeRetryingDeadlocks(List<Op> ops) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> writeOps(ops));
                return;
            } catch (org.springframework.dao.PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void writeOps(List<Op> ops) {
        List<Object[]> reflects = new ArrayList<>();
        // One statement per device however many of its reflections were acked in this batch.
        java.util.Map<GroupAndSender, List<Long>> acked = new java.util.LinkedHashMap<>();
        for (Op op : ops) {
            if (op instanceof Reflect r) {
                reflects.add(new Object[] {r.groupId(), r.senderDevice(), maxQueueLength, r.groupId(), r.groupId(),
                        r.flags(), r.storedAt(), r.envelope()});
            } else if (op instanceof Ack a) {
                acked.computeIfAbsent(new GroupAndSender(a.groupId(), a.deviceId()), k -> new ArrayList<>())
                        .addAll(Arrays.asList(a.sequences()));
            }
        }
        if (!acked.isEmpty()) {
            List<Object[]> acks = new ArrayList<>(acked.size());
            acked.forEach((slot, sequences) -> acks.add(new Object[] {slot.groupId(), slot.senderDevice(),
                    sqlArray(sequences), slot.groupId(), slot.senderDevice()}));
            jdbc.batchUpdate(ACK, acks);
        }
        if (!reflects.isEmpty()) {
            jdbc.batchUpdate(REFLECT, reflects);
        }
    }

    private java.sql.Array sqlArray(List<Long> sequences) {
        return jdbc.execute((java.sql.Connection c) -> c.createArrayOf("bigint", sequences.toArray()));
    }

    private void notifyStored(Set<GroupAndSender> grown) {
        if (!grown.isEmpty()) {
            onStored.accept(grown);
        }
    }
}
