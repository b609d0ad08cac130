package dev.parley.chat.presence;

import dev.parley.chat.csp.CspConnection;
import dev.parley.chat.persistence.RedisKeys;
import dev.parley.common.identity.ThreemaId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which gateway node holds which identity's connections, in Redis, so any node can reach a
 * receiver connected elsewhere. Per identity one hash, {@code presence:<ID>}: csp-device-id
 * (0 without multi-device) to node ID. The hash expires unless the node refreshes it
 * ({@link #TTL}), so a crashed node's entries vanish on their own; its clients reconnect
 * elsewhere and their queues wait in PostgreSQL meanwhile.
 */
@Component
public class Presence {

    static final Duration TTL = Duration.ofSeconds(90);

    /** Removes the device's entry only if this node still holds it: a newer login elsewhere stays. */
    private static final RedisScript<Long> REMOVE_IF_OURS = RedisScript.of("""
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0
            """, Long.class);

    /**
     * Takes the device's entry and refreshes the hash's expiry in one round trip (a login costs
     * one Redis call, not three); returns the node that held the entry before, or false.
     */
    private static final RedisScript<String> TAKE = RedisScript.of("""
            local previous = redis.call('HGET', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            return previous
            """, String.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final String nodeId = UUID.randomUUID().toString();

    public Presence(ReactiveStringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public String nodeId() {
        return nodeId;
    }

    String key(ThreemaId identity) {
        return keys.key("presence:" + identity);
    }

    /** Records the connection here; emits the node that held the same device before, if another one did. */
    public Mono<String> online(CspConnection connection) {
        String key = key(connection.identity());
        String device = device(connection);
        return redis.execute(TAKE, List.of(key), List.of(device, nodeId, Long.toString(TTL.toSeconds())))
                .next()
                .filter(previous -> !previous.isEmpty() && !previous.equals(nodeId));
    }

    public Mono<Void> offline(CspConnection connection) {
        return redis.execute(REMOVE_IF_OURS, List.of(key(connection.identity())), List.of(device(connection), nodeId))
                .then();
    }

    /** The other nodes that hold a connection of {@code identity}. */
    public Mono<Set<String>> otherNodes(ThreemaId identity) {
        return redis.<String, String>opsForHash().entries(key(identity))
                .map(Map.Entry::getValue)
                .filter(node -> !node.equals(nodeId))
                .collect(Collectors.toSet());
    }

    /** Keeps this node's entries alive; called periodically with every identity connected here. */
    public Mono<Void> refresh(Collection<ThreemaId> identities) {
        return Flux.fromIterable(identities).flatMap(id -> redis.expire(key(id), TTL), 16).then();
    }

    private static String device(CspConnection connection) {
        return Long.toString(connection.cspDeviceId().orElse(0));
    }
}
