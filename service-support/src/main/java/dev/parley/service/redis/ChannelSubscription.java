package dev.parley.service.redis;

import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * A Redis pub/sub subscription that outlives Redis restarts: when the connection drops it
 * subscribes again, backing off up to 30 s. Messages published while it was away are lost, as
 * pub/sub loses them; callers use it only where a missed message costs latency, not data.
 */
public final class ChannelSubscription implements AutoCloseable {

    private final ReactiveRedisMessageListenerContainer container;
    private final Disposable subscription;

    private ChannelSubscription(ReactiveRedisMessageListenerContainer container, Disposable subscription) {
        this.container = container;
        this.subscription = subscription;
    }

    public static ChannelSubscription subscribe(ReactiveRedisConnectionFactory redis, String channel,
                                                Consumer<String> onMessage) {
        ReactiveRedisMessageListenerContainer container = new ReactiveRedisMessageListenerContainer(redis);
        Disposable subscription = container.receive(ChannelTopic.of(channel))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(message -> onMessage.accept(message.getMessage()));
        return new ChannelSubscription(container, subscription);
    }

    public boolean isActive() {
        return !subscription.isDisposed();
    }

    @Override
    public void close() {
        subscription.dispose();
        container.destroy();
    }
}
