package dev.parley.service.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * A component that follows one Redis pub/sub channel while the context runs (through a
 * {@link ChannelSubscription}, so it survives Redis restarts). A message whose handling fails
 * is logged and the next one still comes.
 */
public abstract class ChannelListener implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ReactiveRedisConnectionFactory connections;
    private ChannelSubscription subscription;

    protected ChannelListener(ReactiveRedisConnectionFactory connections) {
        this.connections = connections;
    }

    /** The channel to follow, asked once at start. */
    protected abstract String channel();

    /** One message; called on a Redis thread. */
    protected abstract void received(String message);

    private void receivedSafely(String message) {
        try {
            received(message);
        } catch (RuntimeException e) {
            log.warn("message on {} failed: {}", channel(), e.toString());
        }
    }

    @Override
    public void start() {
        subscription = ChannelSubscription.subscribe(connections, channel(), this::receivedSafely);
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null && subscription.isActive();
    }
}
