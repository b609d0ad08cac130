package dev.parley.mediator.session;

import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.Reflected;
import dev.parley.mediator.reflection.QueuedReflection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers one device's reflection queue (PROTOCOLS.md §6.5): in ID order, at most
 * {@code max-in-flight} unacknowledged, one database read at a time. After the backlog the device
 * gets ReflectionQueueDry, and only then may it ask for the leader role.
 *
 * <p>Rows this node has just stored for the device reach it through {@link #stored}: when its
 * delivery is caught up they go out at once, without reading them back; otherwise they wait for
 * a read like any others.
 *
 * <p>Guarded by the session's monitor: the session calls in holding it, and query results take
 * it before they touch anything.
 */
final class QueueDelivery {

    private final D2mSession session;
    private final SessionServices services;
    private long cursor;
    /** Wire ID → queue sequence of what was sent and not yet acknowledged. */
    private final Map<Long, Long> inFlight = new HashMap<>(4);
    private boolean reading;
    private boolean readAgain;
    private boolean drySent;

    QueueDelivery(D2mSession session, SessionServices services) {
        this.session = session;
        this.services = services;
    }

    boolean dry() {
        return drySent;
    }

    /**
     * Reads what waits after the cursor, unless a read is running, the window is full, or the
     * device has not yet taken what was sent ({@link D2mSession#outboundBusy}).
     */
    void pump() {
        if (!session.isActive()) {
            return;
        }
        int room = services.properties().reflection().maxInFlight() - inFlight.size();
        if (reading || room <= 0 || session.outboundBusy()) {
            readAgain = true;
            return;
        }
        reading = true;
        readAgain = false;
        int limit = Math.min(room, services.properties().reflection().deliveryBatch());
        long after = cursor;
        long device = session.deviceId();
        byte[] group = session.groupId();
        services.jdbc().call(j -> services.queue().after(group, device, after, limit))
                .subscribe(rows -> read(rows, limit), this::readFailed);
    }

    /**
     * Rows this node just committed to the device's queue, in reflected-ID order without gaps.
     * They are sent as they are only while delivery is caught up: past its backlog, no read
     * running (whose result could hold the same rows), and the first new row right after the
     * cursor. Another node's rows (or expired ones) leave a gap before them, so a gap, a full
     * window or a busy outbound leaves the rest to a read after the cursor: storage order holds
     * and no row is skipped or sent twice on this connection.
     */
    void stored(List<QueuedReflection> rows) {
        if (!session.isActive()) {
            return;
        }
        int next = 0;
        // A read that ran after the commit may have delivered them already.
        while (next < rows.size() && rows.get(next).sequence() <= cursor) {
            next++;
        }
        if (next == rows.size()) {
            return;
        }
        if (!drySent || reading) {
            pump();
            return;
        }
        int maxInFlight = services.properties().reflection().maxInFlight();
        int sent = 0;
        for (; next < rows.size(); next++) {
            QueuedReflection row = rows.get(next);
            if (row.sequence() != cursor + 1 || inFlight.size() >= maxInFlight || session.outboundBusy()) {
                break;
            }
            send(row);
            sent++;
        }
        services.metrics().deliveredDirectly(sent);
        if (next < rows.size()) {
            pump();
        }
    }

    /** The device acknowledged {@code reflectedId}; false when it was not in flight. */
    boolean acked(long reflectedId) {
        Long sequence = inFlight.remove(reflectedId);
        if (sequence == null) {
            return false;
        }
        services.writer().ack(session.groupId(), session.deviceId(), List.of(sequence));
        if (readAgain && inFlight.size() <= services.properties().reflection().maxInFlight() / 2) {
            pump();
        }
        return true;
    }

    private void read(List<QueuedReflection> rows, int limit) {
        synchronized (session) {
            reading = false;
            if (!session.isActive()) {
                return;
            }
            int sent = 0;
            for (QueuedReflection row : rows) {
                if (session.outboundBusy()) {
                    // The rest is read again once the device has taken what it got.
                    readAgain = true;
                    break;
                }
                send(row);
                sent++;
            }
            services.metrics().delivered(sent);
            if (rows.size() == limit || readAgain) {
                // More may be waiting (or arrived meanwhile): the backlog is not over yet.
                pump();
                return;
            }
            if (!drySent) {
                drySent = true;
                session.send(D2mPayloadType.REFLECTION_QUEUE_DRY, new byte[0]);
                session.tryLead();
            }
        }
    }

    private void send(QueuedReflection row) {
        inFlight.put(row.wireId(), row.sequence());
        cursor = row.sequence();
        session.send(D2mPayloadType.REFLECTED,
                new Reflected(row.flags(), row.wireId(), row.storedAt(), row.envelope()).encode());
    }

    private void readFailed(Throwable e) {
        synchronized (session) {
            reading = false;
        }
        session.internalError(e);
    }
}
