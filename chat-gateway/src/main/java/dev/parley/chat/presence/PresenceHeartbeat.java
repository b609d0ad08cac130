package dev.parley.chat.presence;

import dev.parley.chat.csp.Connections;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Refreshes this node's presence entries a few times per {@link Presence#TTL}, so only a dead node's entries expire. */
@Component
class PresenceHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceHeartbeat.class);

    private final Presence presence;
    private final Connections connections;
    private ScheduledExecutorService timer;

    PresenceHeartbeat(Presence presence, Connections connections) {
        this.presence = presence;
        this.connections = connections;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "chat-presence");
            thread.setDaemon(true);
            return thread;
        });
        long period = Presence.TTL.toSeconds() / 3;
        timer.scheduleWithFixedDelay(() -> {
            try {
                presence.refresh(connections.identities()).block();
            } catch (RuntimeException e) {
                log.warn("presence refresh failed: {}", e.toString());
            }
        }, period, period, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
