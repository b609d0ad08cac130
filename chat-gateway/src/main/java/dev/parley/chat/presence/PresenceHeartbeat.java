package dev.parley.chat.presence;

import dev.parley.chat.csp.Connections;
import dev.parley.service.schedule.PeriodicJob;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Refreshes this node's presence entries and its place among the {@link LiveNodes} a few times per
 * {@link Presence#TTL}, so only a dead node's entries expire.
 */
@Component
class PresenceHeartbeat extends PeriodicJob {

    private final Presence presence;
    private final Connections connections;
    private final LiveNodes nodes;

    PresenceHeartbeat(Presence presence, Connections connections, LiveNodes nodes) {
        super("chat-presence", Duration.ofSeconds(Presence.TTL.toSeconds() / 3));
        this.presence = presence;
        this.connections = connections;
        this.nodes = nodes;
    }

    @Override
    protected void runOnce() {
        nodes.announce().then(presence.refresh(connections.identities())).block();
    }
}
