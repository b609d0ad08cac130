package dev.parley.mediator.slot;

import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.mediator.MediatorProperties;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Device groups and their slots in PostgreSQL. Admission runs under a lock on the group row, so
 * two devices joining one group on two nodes at once cannot both take its last slot. Every method
 * blocks; callers run them on {@code BlockingJdbc}.
 */
@Repository
public class DeviceSlots {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final int maxSlots;

    public DeviceSlots(JdbcClient jdbc, TransactionTemplate transactions, MediatorProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.maxSlots = properties.devices().maxSlots();
    }

    public int maxSlots() {
        return maxSlots;
    }

    /**
     * Admits {@code deviceId}: checks the slot state it expects (4115), the queue overflow mark
     * (4114, the slot is then removed), and the slot limit (4111, or the least recently active
     * other slot is dropped); then creates or refreshes the slot with the device info sent now.
     */
    public Admission admit(byte[] groupId, long deviceId, SlotPolicy policy, byte[] encryptedDeviceInfo) {
        return transactions.execute(status -> {
            jdbc.sql("INSERT INTO device_groups (group_id) VALUES (?) ON CONFLICT DO NOTHING").param(groupId).update();
            byte[] shared = jdbc.sql("SELECT shared_device_data FROM device_groups WHERE group_id = ? FOR UPDATE")
                    .param(groupId).query(byte[].class).single();
            Optional<Boolean> overflowed = jdbc.sql(
                            "SELECT overflowed FROM device_slots WHERE group_id = ? AND device_id = ?")
                    .params(groupId, deviceId).query(Boolean.class).optional();
            if (overflowed.orElse(false)) {
                remove(groupId, deviceId);
                return Admission.refused(D2mCloseCode.REFLECTION_QUEUE_LIMIT_REACHED);
            }
            boolean existing = overflowed.isPresent();
            if (existing != policy.expectExisting()) {
                return Admission.refused(D2mCloseCode.DEVICE_SLOT_STATE_MISMATCH);
            }
            OptionalLong dropped = OptionalLong.empty();
            if (!existing) {
                int slots = jdbc.sql("SELECT count(*) FROM device_slots WHERE group_id = ?").param(groupId)
                        .query(Integer.class).single();
                if (slots >= maxSlots) {
                    if (!policy.dropLeastRecent()) {
                        return Admission.refused(D2mCloseCode.DEVICE_LIMIT_REACHED);
                    }
                    long victim = jdbc.sql("SELECT device_id FROM device_slots WHERE group_id = ? "
                                    + "ORDER BY last_active_at, device_id LIMIT 1")
                            .param(groupId).query(Long.class).single();
                    remove(groupId, victim);
                    dropped = OptionalLong.of(victim);
                }
                jdbc.sql("INSERT INTO device_slots (group_id, device_id, expiration_policy, encrypted_device_info) "
                                + "VALUES (?, ?, ?, ?)")
                        .params(groupId, deviceId, policy.persistent() ? 1 : 0, encryptedDeviceInfo).update();
                return new Admission(null, false, shared, 0, dropped);
            }
            int queueLength = jdbc.sql("UPDATE device_slots SET encrypted_device_info = ?, expiration_policy = ?, "
                            + "last_active_at = now() WHERE group_id = ? AND device_id = ? RETURNING queue_length")
                    .params(encryptedDeviceInfo, policy.persistent() ? 1 : 0, groupId, deviceId)
                    .query(Integer.class).single();
            return new Admission(null, true, shared, queueLength, dropped);
        });
    }

    /** The device went away: a volatile slot ends with its connection, a persistent one remembers when. */
    public void disconnected(byte[] groupId, long deviceId) {
        transactions.executeWithoutResult(status -> {
            int persistent = jdbc.sql("UPDATE device_slots SET last_disconnect_at = now(), last_active_at = now() "
                            + "WHERE group_id = ? AND device_id = ? AND expiration_policy = 1")
                    .params(groupId, deviceId).update();
            if (persistent == 0) {
                remove(groupId, deviceId);
            }
        });
    }

    /** Removes a slot and its queue; true when it existed. */
    public boolean drop(byte[] groupId, long deviceId) {
        Boolean removed = transactions.execute(status -> remove(groupId, deviceId));
        return Boolean.TRUE.equals(removed);
    }

    private boolean remove(byte[] groupId, long deviceId) {
        jdbc.sql("DELETE FROM reflection_queue WHERE group_id = ? AND device_id = ?").params(groupId, deviceId).update();
        return jdbc.sql("DELETE FROM device_slots WHERE group_id = ? AND device_id = ?")
                .params(groupId, deviceId).update() > 0;
    }

    public List<DeviceSlot> list(byte[] groupId) {
        return jdbc.sql("SELECT device_id, encrypted_device_info, expiration_policy, last_disconnect_at "
                        + "FROM device_slots WHERE group_id = ? ORDER BY device_id")
                .param(groupId)
                .query((rs, n) -> {
                    Timestamp disconnect = rs.getTimestamp(4);
                    return new DeviceSlot(rs.getLong(1), rs.getBytes(2), rs.getInt(3) == 1,
                            disconnect == null ? null : disconnect.toInstant());
                })
                .list();
    }

    public void setSharedDeviceData(byte[] groupId, byte[] data) {
        jdbc.sql("UPDATE device_groups SET shared_device_data = ? WHERE group_id = ?").params(data, groupId).update();
    }

    /** Slots whose queue passed its limit; their devices are closed with 4114 and their queues freed. */
    public List<SlotKey> overflowed() {
        return jdbc.sql("SELECT group_id, device_id FROM device_slots WHERE overflowed AND queue_length > 0")
                .query((rs, n) -> new SlotKey(rs.getBytes(1), rs.getLong(2))).list();
    }

    /** Frees an overflowed slot's queue; the slot itself stays so the device learns why at its next connect. */
    public void clearOverflowedQueue(SlotKey slot) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM reflection_queue WHERE group_id = ? AND device_id = ?")
                    .params(slot.groupId(), slot.deviceId()).update();
            jdbc.sql("UPDATE device_slots SET queue_length = 0 WHERE group_id = ? AND device_id = ?")
                    .params(slot.groupId(), slot.deviceId()).update();
        });
    }

    /**
     * Removes persistent slots unused since {@code cutoff} (disconnected, not reconnected since)
     * with their queues, then groups left without slots. Returns the number of slots removed.
     */
    public int expireSlots(Timestamp cutoff) {
        Integer removed = transactions.execute(status -> {
            List<SlotKey> stale = jdbc.sql("SELECT group_id, device_id FROM device_slots WHERE last_disconnect_at "
                            + "IS NOT NULL AND last_disconnect_at >= last_active_at AND last_disconnect_at < ? LIMIT 1000")
                    .param(cutoff).query((rs, n) -> new SlotKey(rs.getBytes(1), rs.getLong(2))).list();
            stale.forEach(slot -> remove(slot.groupId(), slot.deviceId()));
            jdbc.sql("DELETE FROM device_groups g WHERE NOT EXISTS "
                    + "(SELECT 1 FROM device_slots s WHERE s.group_id = g.group_id) AND g.created_at < ?")
                    .param(cutoff).update();
            return stale.size();
        });
        return removed == null ? 0 : removed;
    }
}
