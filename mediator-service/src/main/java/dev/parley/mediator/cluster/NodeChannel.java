package dev.parley.mediator.cluster;

import dev.parley.mediator.persistence.RedisKeys;
import dev.parley.service.redis.ChannelListener;
import java.util.function.Consumer;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Messages between mediator nodes over Redis pub/sub, one channel per node
 * ({@code node:<node ID>}); each is one line of space-separated words whose first word says what
 * it is (see {@code GroupEvents}). A lost message costs latency or a late close, never data: the
 * queues in PostgreSQL are the truth, and leases run out on their own.
 */
@Component
public class NodeChannel extends ChannelListener {

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final NodeId self;
    private volatile Consumer<String[]> handler = words -> { };

    public NodeChannel(ReactiveRedisConnectionFactory connections, ReactiveStringRedisTemplate redis, RedisKeys keys,
                       NodeId self) {
        super(connections);
        this.redis = redis;
        this.keys = keys;
        this.self = self;
    }

    public void handler(Consumer<String[]> handler) {
        this.handler = handler;
    }

    public Mono<Void> send(String node, String... words) {
        return redis.convertAndSend(channel(node), String.join(" ", words)).then();
    }

    private String channel(String node) {
        return keys.key("node:" + node);
    }

    @Override
    protected String channel() {
        return channel(self.value());
    }

    @Override
    protected void received(String message) {
        handler.accept(message.split(" "));
    }
}
