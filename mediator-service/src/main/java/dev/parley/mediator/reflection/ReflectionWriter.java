package dev.parley.mediator.reflection;

import dev.parley.mediator.MediatorProperties;
import dev.parley.service.jdbc.GroupCommitWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * ID comes from a counter on the slot row. A batch locks the slot rows of all its groups with one
 * statement, in group and device order (so two nodes' batches take row locks in the same order),
 * plans the rows in memory ({@link FanOut}), and writes each slot row once and the queued rows as
 * one batched insert. The locks are held until commit, so per slot the ID order is the commit
 * order and a reader paging by ID never skips a row that commits late. Operations are sorted by
 * group before they run (a stable sort, so one device's reflects keep their order). After the
 * commit, the rows it stored are handed on ({@link StoredBatch}), so that devices which are
 * caught up get them without reading them back.
 *
 * <p>The queue in front is bounded: when the database falls behind, reflects are refused (the
 * device gets no reflect-ack and reconnects) instead of piling up in memory.
 */
@Component
public class ReflectionWriter extends GroupCommitWriter<ReflectionWriter.Op> {

    /** Acks take most places in a batch (every receiver acks every reflect), so it is generous. */
    static final int MAX_BATCH = 1000;
    private static final int CAPACITY = 50_000;
    /** Envelopes waiting for storage on this node, all devices together; past it reflects are refused. */
    private static final long MAX_QUEUED_BYTES = 256L << 20;
    private static final Comparator<Op> BY_GROUP = (a, b) -> Arrays.compareUnsigned(a.groupId(), b.groupId());

    private static final String LOCK_SLOTS = """
            SELECT group_id, device_id, next_reflected_id, queue_length FROM device_slots
            WHERE group_id = ANY (?) AND NOT overflowed
            ORDER BY group_id, device_id FOR UPDATE
            """;

    // Each of these is one statement per batch, its rows passed as arrays: a statement per slot
    // (or multi-row inserts of a few rows each) cost PostgreSQL and the driver more than the rows.
    private static final String UPDATE_SLOTS = """
            UPDATE device_slots d
            SET next_reflected_id = u.next_reflected_id, queue_length = u.queue_length, overflowed = u.overflowed
            FROM unnest(?::bytea[], ?::bigint[], ?::bigint[], ?::integer[], ?::boolean[])
                AS u(group_id, device_id, next_reflected_id, queue_length, overflowed)
            WHERE d.group_id = u.group_id AND d.device_id = u.device_id
            """;

    private static final String INSERT_ROWS = """
            INSERT INTO reflection_queue (group_id, device_id, reflected_id, flags, stored_at, envelope)
            SELECT * FROM unnest(?::bytea[], ?::bigint[], ?::bigint[], ?::integer[], ?::bigint[], ?::bytea[])
            """;

    private static final String DELETE_ACKED = """
            WITH gone AS (
                DELETE FROM reflection_queue q
                USING unnest(?::bytea[], ?::bigint[], ?::bigint[]) AS a(group_id, device_id, reflected_id)
                WHERE q.group_id = a.group_id AND q.device_id = a.device_id AND q.reflected_id = a.reflected_id
                RETURNING q.group_id, q.device_id)
            SELECT group_id, device_id, count(*) FROM gone GROUP BY group_id, device_id
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
    private volatile Consumer<StoredBatch> onStored = stored -> { };
    /** The rows the last written batch planned; read after its commit, on the writer thread only. */
    private List<FanOut.Row> writtenRows = List.of();

    /** A group whose queues grew, and the device whose reflects they were (it needs no notification). */
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
        super("mediator-reflection-writer", MAX_BATCH, CAPACITY, MAX_QUEUED_BYTES);
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.maxQueueLength = properties.reflection().maxQueueLength();
    }

    /**
     * Called after each commit, on the writer thread, with what the batch stored; wired once by
     * the delivery side.
     */
    public void onStored(Consumer<StoredBatch> listener) {
        this.onStored = listener;
    }

    /**
     * Queues the reflect now (the storage order is the order of these calls) and completes once
     * it is in the queue of every other device of the group.
     */
    public Mono<Void> reflect(byte[] groupId, long senderDevice, int flags, long storedAt, byte[] envelope) {
        return Mono.fromFuture(submit(new Reflect(groupId, senderDevice, flags, storedAt, envelope), envelope.length));
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
        List<FanOut.Row> rows = writtenRows;
        writtenRows = List.of();
        if (!grown.isEmpty()) {
            onStored.accept(new StoredBatch(grown, bySlot(rows)));
        }
    }

    /**
     * The plan lists a batch's rows reflect by reflect; a receiving device wants its own, in
     * order. The reflects are sorted by group, so a group's rows come together and its few slots
     * are found by a look along the group's list, without hashing group IDs.
     */
    private static List<StoredBatch.SlotRows> bySlot(List<FanOut.Row> rows) {
        List<StoredBatch.SlotRows> bySlot = new ArrayList<>();
        int groupStart = 0;
        byte[] group = null;
        for (FanOut.Row row : rows) {
            if (group != row.groupId() && !Arrays.equals(group, row.groupId())) {
                group = row.groupId();
                groupStart = bySlot.size();
            }
            StoredBatch.SlotRows slot = null;
            for (int i = groupStart; i < bySlot.size() && slot == null; i++) {
                if (bySlot.get(i).deviceId() == row.deviceId()) {
                    slot = bySlot.get(i);
                }
            }
            if (slot == null) {
                slot = new StoredBatch.SlotRows(group, row.deviceId(), new ArrayList<>());
                bySlot.add(slot);
            }
            slot.rows().add(new QueuedReflection(row.reflectedId(), row.flags(), row.storedAt(), row.envelope()));
        }
        return bySlot;
    }

    /**
     * Slot rows are locked by one ordered statement per batch, but other writers of a slot
     * (admission, drop, expiry) may still meet a batch in another order; PostgreSQL then aborts
     * one of them, and a batch simply runs again.
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

    /**
     * Acked rows are deleted first, then the slots of every group the
     * batch touches are locked once, and each changed slot row is written once with both its
     * shrunk and its grown queue.
     */
    private void writeOps(List<Op> ops) {
        writtenRows = List.of();
        List<FanOut.Source> reflects = new ArrayList<>();
        List<Ack> acked = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Reflect r) {
                reflects.add(new FanOut.Source(r.groupId(), r.senderDevice(), r.flags(), r.storedAt(), r.envelope()));
            } else if (op instanceof Ack a) {
                acked.add(a);
            }
        }
        Map<FanOut.SlotKey, Integer> removed = deleteAcked(acked);
        Object[] groups = java.util.stream.Stream.concat(
                        reflects.stream().map(r -> ByteBuffer.wrap(r.groupId())),
                        removed.keySet().stream().map(FanOut.SlotKey::group))
                .distinct().map(ByteBuffer::array).toArray(byte[][]::new);
        if (groups.length == 0) {
            return;
        }
        List<FanOut.Slot> slots = jdbc.query(LOCK_SLOTS, (rs, n) -> new FanOut.Slot(rs.getBytes(1), rs.getLong(2),
                rs.getLong(3), rs.getInt(4)), sqlArray("bytea", groups));
        FanOut.Plan plan = FanOut.plan(slots, removed, reflects, maxQueueLength);
        updateSlots(plan.slots());
        insertRows(plan.rows());
        // A retried batch plans again: only the last, committed plan is handed on.
        writtenRows = plan.rows();
    }

    private void updateSlots(List<FanOut.SlotUpdate> updates) {
        int n = updates.size();
        if (n == 0) {
            return;
        }
        byte[][] groups = new byte[n][];
        Long[] devices = new Long[n];
        Long[] next = new Long[n];
        Integer[] lengths = new Integer[n];
        Boolean[] overflowed = new Boolean[n];
        for (int i = 0; i < n; i++) {
            FanOut.SlotUpdate u = updates.get(i);
            groups[i] = u.groupId();
            devices[i] = u.deviceId();
            next[i] = u.nextReflectedId();
            lengths[i] = u.queueLength();
            overflowed[i] = u.overflowed();
        }
        jdbc.update(UPDATE_SLOTS, sqlArray("bytea", groups), sqlArray("int8", devices), sqlArray("int8", next),
                sqlArray("int4", lengths), sqlArray("bool", overflowed));
    }

    private void insertRows(List<FanOut.Row> rows) {
        int n = rows.size();
        if (n == 0) {
            return;
        }
        byte[][] groups = new byte[n][];
        Long[] devices = new Long[n];
        Long[] ids = new Long[n];
        Integer[] flags = new Integer[n];
        Long[] storedAt = new Long[n];
        byte[][] envelopes = new byte[n][];
        for (int i = 0; i < n; i++) {
            FanOut.Row r = rows.get(i);
            groups[i] = r.groupId();
            devices[i] = r.deviceId();
            ids[i] = r.reflectedId();
            flags[i] = r.flags();
            storedAt[i] = r.storedAt();
            envelopes[i] = r.envelope();
        }
        jdbc.update(INSERT_ROWS, sqlArray("bytea", groups), sqlArray("int8", devices), sqlArray("int8", ids),
                sqlArray("int4", flags), sqlArray("int8", storedAt), sqlArray("bytea", envelopes));
    }

    /** How many rows each device's acks actually removed (an ack may repeat or come too late). */
    private Map<FanOut.SlotKey, Integer> deleteAcked(List<Ack> acks) {
        int n = 0;
        for (Ack a : acks) {
            n += a.sequences().length;
        }
        if (n == 0) {
            return Map.of();
        }
        byte[][] groups = new byte[n][];
        Long[] devices = new Long[n];
        Long[] sequences = new Long[n];
        int i = 0;
        for (Ack a : acks) {
            for (Long sequence : a.sequences()) {
                groups[i] = a.groupId();
                devices[i] = a.deviceId();
                sequences[i++] = sequence;
            }
        }
        Map<FanOut.SlotKey, Integer> removed = new LinkedHashMap<>();
        jdbc.query(DELETE_ACKED, rs -> {
            removed.put(FanOut.SlotKey.of(rs.getBytes(1), rs.getLong(2)), rs.getInt(3));
        }, sqlArray("bytea", groups), sqlArray("int8", devices), sqlArray("int8", sequences));
        return removed;
    }

    private java.sql.Array sqlArray(String type, Object[] elements) {
        return jdbc.execute((java.sql.Connection c) -> c.createArrayOf(type, elements));
    }
}
