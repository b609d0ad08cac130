package dev.parley.mediator.cluster;

import dev.parley.mediator.MediatorProperties;
import dev.parley.mediator.persistence.RedisKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.stereotype.Component;

/**
 * Which mediator nodes are alive: a Redis sorted set scored by each node's last heartbeat. A
 * node is dead after three missed heartbeats; its devices then count as disconnected and its
 * leader leases run out on their own. A node this one has not heard of yet (it just started)
 * counts as alive, so a new node's devices are reachable before the next refresh.
 */
@Component
public class LiveNodes {

    private static final long FORGET_AFTER_MILLIS = Duration.ofDays(7).toMillis();

    private final StringRedisTemplate redis;
    private final String key;
    private final NodeId self;
    private final long deadAfterMillis;
    private volatile Map<String, Long> lastBeats = Map.of();

    public LiveNodes(StringRedisTemplate redis, RedisKeys keys, NodeId self, MediatorProperties properties) {
        this.redis = redis;
        this.key = keys.key("nodes");
        this.self = self;
        this.deadAfterMillis = properties.leader().renewInterval().multipliedBy(3).toMillis();
    }

    public boolean isLive(String node) {
        if (node.equals(self.value())) {
            return true;
        }
        Long last = lastBeats.get(node);
        return last == null || last > System.currentTimeMillis() - deadAfterMillis;
    }

    /** Announces this node and refreshes the view of the others; blocking, called by the keeper. */
    public void heartbeat() {
        long now = System.currentTimeMillis();
        redis.opsForZSet().add(key, self.value(), now);
        redis.opsForZSet().removeRangeByScore(key, 0, now - FORGET_AFTER_MILLIS);
        Set<TypedTuple<String>> beats = redis.opsForZSet().rangeWithScores(key, 0, -1);
        Map<String, Long> view = new HashMap<>();
        if (beats != null) {
            beats.forEach(t -> view.put(t.getValue(), t.getScore() == null ? 0L : t.getScore().longValue()));
        }
        lastBeats = Map.copyOf(view);
    }
}
