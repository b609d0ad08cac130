package dev.parley.mediator.session;

import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.mediator.cluster.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's claim to lead its group: one lease per group in Redis with a fencing counter, so
 * exactly one connected device of a group leads across all nodes. A device may ask only after its
 * ReflectionQueueDry (PROTOCOLS.md §6.4). A leader that loses its lease is closed so that it
 * reconnects as a follower; one that leaves releases it and tells the group the role is vacant.
 *
 * <p>Guarded by the session's monitor: the session calls in holding it, and lease answers take it
 * before they touch anything.
 */
final class LeaderRole {

    private static final Logger log = LoggerFactory.getLogger(LeaderRole.class);
    private static final String LEASE = "leader";

    private final D2mSession session;
    private final SessionServices services;
    private final Runnable onPromoted;
    private boolean leader;
    private boolean asking;

    LeaderRole(D2mSession session, SessionServices services, Runnable onPromoted) {
        this.session = session;
        this.services = services;
        this.onPromoted = onPromoted;
    }

    boolean held() {
        return leader;
    }

    /** Asks for the lease unless held or already asked; true when an attempt was started. */
    boolean ask() {
        if (leader || asking) {
            return false;
        }
        asking = true;
        services.leases().acquire(LEASE, session.groupHex(), session.presence().encode(),
                        services.properties().leader().leaseTtl())
                .subscribe(this::answered, e -> {
                    synchronized (session) {
                        asking = false;
                    }
                    log.warn("asking for the leader role failed: {}", e.toString());
                });
        return true;
    }

    /** Keeps the lease; called outside the monitor by the keeper. */
    void renew() {
        String me;
        synchronized (session) {
            if (!leader || !session.isActive()) {
                return;
            }
            me = session.presence().encode();
        }
        services.leases().renew(LEASE, session.groupHex(), me, services.properties().leader().leaseTtl())
                .subscribe(kept -> {
                    if (!kept) {
                        session.close(D2mCloseCode.INTERNAL_ERROR);
                    }
                }, e -> log.warn("renewing a leader lease failed: {}", e.toString()));
    }

    /** The connection is gone: the lease goes back and the group's other devices may try. */
    void release() {
        if (!leader) {
            return;
        }
        leader = false;
        String groupHex = session.groupHex();
        services.leases().release(LEASE, groupHex, session.presence().encode())
                .subscribe(released -> services.events().leaderVacant(groupHex),
                        e -> log.warn("releasing a leader lease failed: {}", e.toString()));
    }

    private void answered(Leases.Grant grant) {
        synchronized (session) {
            asking = false;
            if (!grant.granted()) {
                return;
            }
            if (!session.isActive()) {
                services.leases().release(LEASE, session.groupHex(), session.presence().encode()).subscribe();
                return;
            }
            leader = true;
            session.send(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, new byte[0]);
            onPromoted.run();
        }
    }
}
