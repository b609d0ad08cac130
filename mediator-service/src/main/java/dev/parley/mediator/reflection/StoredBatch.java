package dev.parley.mediator.reflection;

import java.util.List;
import java.util.Set;

/**
 * What one committed batch of the {@link ReflectionWriter} added to the queues: the groups whose
 * queues grew, with the device whose reflects they were, and every receiving slot's new rows in
 * storage order. The rows let a device that is caught up get them without reading them back.
 */
public record StoredBatch(Set<ReflectionWriter.GroupAndSender> grown, List<SlotRows> rows) {

    /** One slot's rows of the batch, in reflected-ID order and without gaps. */
    public record SlotRows(byte[] groupId, long deviceId, List<QueuedReflection> rows) {
    }
}
