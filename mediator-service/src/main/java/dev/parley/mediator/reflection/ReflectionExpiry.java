package dev.parley.mediator.reflection;

import dev.parley.mediator.MediatorProperties;
import dev.parley.mediator.slot.DeviceSlots;
import dev.parley.mediator.slot.SlotKey;
import dev.parley.service.schedule.PeriodicJob;
import java.sql.Timestamp;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes reflections older than the queue TTL and persistent slots unused for longer than the
 * slot expiry, and frees the queues of overflowed slots (their devices learn it as 4114 at their
 * next connect). Runs on every node; the statements are idempotent, so nodes may overlap.
 */
@Component
class ReflectionExpiry extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(ReflectionExpiry.class);
    private static final int BATCH = 10_000;

    private final ReflectionQueue queue;
    private final DeviceSlots slots;
    private final Duration ttl;
    private final Duration slotExpiry;

    ReflectionExpiry(ReflectionQueue queue, DeviceSlots slots, MediatorProperties properties) {
        super("mediator-expiry", properties.reflection().expirySweep());
        this.queue = queue;
        this.slots = slots;
        this.ttl = properties.reflection().ttl();
        this.slotExpiry = properties.devices().slotExpiry();
    }

    @Override
    protected void runOnce() {
        long cutoff = System.currentTimeMillis() - ttl.toMillis();
        int expired = 0;
        for (int n = BATCH; n == BATCH; ) {
            n = queue.expire(cutoff, BATCH);
            expired += n;
        }
        int slotsRemoved = slots.expireSlots(new Timestamp(System.currentTimeMillis() - slotExpiry.toMillis()));
        for (SlotKey overflowed : slots.overflowed()) {
            slots.clearOverflowedQueue(overflowed);
        }
        if (expired > 0 || slotsRemoved > 0) {
            log.info("expired {} reflection(s) and {} device slot(s)", expired, slotsRemoved);
        }
    }
}
