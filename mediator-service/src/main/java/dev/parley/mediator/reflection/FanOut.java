package dev.parley.mediator.reflection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans how one batch of reflects fans out to the queues of a group's other devices: the row
 * each receiving slot gets, with its reflected ID, and each slot's counters afterwards. Pure, so
 * that the writer can lock the slots once per batch and write every slot row once per batch
 * (updating a slot row once per reflect leaves a dead row version behind for every reflect).
 *
 * <p>A slot whose queue already holds {@code maxQueueLength} reflections is marked overflowed and
 * gets nothing more: its device learns it as 4114 at its next connect.
 */
final class FanOut {

    /** A slot as locked at the start of the batch. */
    record Slot(byte[] groupId, long deviceId, long nextReflectedId, int queueLength) {
    }

    /** A reflect to fan out. */
    record Source(byte[] groupId, long senderDevice, int flags, long storedAt, byte[] envelope) {
    }

    /** One queued reflection. */
    record Row(byte[] groupId, long deviceId, long reflectedId, int flags, long storedAt, byte[] envelope) {
    }

    /** A slot's counters after the batch. */
    record SlotUpdate(byte[] groupId, long deviceId, long nextReflectedId, int queueLength, boolean overflowed) {
    }

    record Plan(List<Row> rows, List<SlotUpdate> slots) {
    }

    /** A slot as a map key (array contents compared, not identity). */
    record SlotKey(ByteBuffer group, long deviceId) {
        static SlotKey of(byte[] groupId, long deviceId) {
            return new SlotKey(ByteBuffer.wrap(groupId), deviceId);
        }
    }

    private FanOut() {
    }

    /**
     * @param slots the slots of every group in the batch that are not overflowed, any order
     * @param removed how many queued rows acks removed from a slot in this batch, before the reflects
     * @param reflects in storage order
     */
    static Plan plan(List<Slot> slots, Map<SlotKey, Integer> removed, List<Source> reflects, int maxQueueLength) {
        List<Counter> counters = slots.stream()
                .map(slot -> new Counter(slot, removed.getOrDefault(SlotKey.of(slot.groupId(), slot.deviceId()), 0)))
                .toList();
        Map<ByteBuffer, List<Counter>> byGroup = new HashMap<>();
        for (Counter slot : counters) {
            byGroup.computeIfAbsent(ByteBuffer.wrap(slot.groupId), g -> new ArrayList<>()).add(slot);
        }
        List<Row> rows = new ArrayList<>(reflects.size() * 4);
        for (Source reflect : reflects) {
            for (Counter slot : byGroup.getOrDefault(ByteBuffer.wrap(reflect.groupId()), List.of())) {
                if (slot.overflowed || slot.deviceId == reflect.senderDevice()) {
                    continue;
                }
                slot.overflowed = slot.queueLength >= maxQueueLength;
                slot.next++;
                slot.queueLength++;
                if (!slot.overflowed) {
                    rows.add(new Row(reflect.groupId(), slot.deviceId, slot.next, reflect.flags(), reflect.storedAt(),
                            reflect.envelope()));
                }
            }
        }
        List<SlotUpdate> updates = new ArrayList<>();
        for (Counter slot : counters) {
            if (slot.changed()) {
                updates.add(new SlotUpdate(slot.groupId, slot.deviceId, slot.next, slot.queueLength, slot.overflowed));
            }
        }
        return new Plan(rows, updates);
    }

    private static final class Counter {
        final byte[] groupId;
        final long deviceId;
        final long firstNext;
        final int firstQueueLength;
        long next;
        int queueLength;
        boolean overflowed;

        Counter(Slot slot, int removed) {
            groupId = slot.groupId();
            deviceId = slot.deviceId();
            firstNext = slot.nextReflectedId();
            firstQueueLength = slot.queueLength();
            next = firstNext;
            queueLength = Math.max(0, firstQueueLength - removed);
        }

        boolean changed() {
            return next != firstNext || queueLength != firstQueueLength;
        }
    }
}
