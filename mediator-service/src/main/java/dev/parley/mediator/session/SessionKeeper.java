package dev.parley.mediator.session;

import dev.parley.mediator.MediatorProperties;
import dev.parley.mediator.cluster.LiveNodes;
import dev.parley.service.schedule.PeriodicJob;
import org.springframework.stereotype.Component;

/**
 * Every renew interval: this node's heartbeat, pings for quiet devices, 4013 for devices that
 * stopped answering or never finished the handshake, leader lease renewal, and a leader
 * election for groups whose leader lease ran out (its node died without releasing it).
 */
@Component
class SessionKeeper extends PeriodicJob {

    private final LocalSessions local;
    private final LiveNodes liveNodes;
    private final long pingNanos;
    private final long idleNanos;
    private final long handshakeNanos;

    SessionKeeper(LocalSessions local, LiveNodes liveNodes, MediatorProperties properties) {
        super("mediator-keeper", properties.leader().renewInterval());
        this.local = local;
        this.liveNodes = liveNodes;
        this.pingNanos = properties.devices().pingInterval().toNanos();
        this.idleNanos = properties.devices().idleTimeout().toNanos();
        this.handshakeNanos = properties.devices().handshakeTimeout().toNanos();
    }

    @Override
    public void start() {
        liveNodes.heartbeat();
        super.start();
    }

    @Override
    protected void runOnce() {
        liveNodes.heartbeat();
        long now = System.nanoTime();
        for (D2mSession session : local.all()) {
            session.keepAlive(now, pingNanos, idleNanos, handshakeNanos);
            session.renewLeadership();
        }
        for (String group : local.groupIds()) {
            boolean ledHere = local.group(group).stream().anyMatch(D2mSession::isLeader);
            if (!ledHere) {
                for (D2mSession session : local.group(group)) {
                    if (session.tryLead()) {
                        break;
                    }
                }
            }
        }
    }
}
