package dev.parley.mediator.cluster;

import dev.parley.mediator.persistence.RedisKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which devices of a group are connected, and on which node: one Redis hash per group
 * ({@code group:<DGID hex>}, field device ID). Entries of nodes that stopped sending heartbeats
 * are ignored ({@link LiveNodes}), so a crashed node's devices count as disconnected.
 */
@Component
public class DeviceRegistry {

    private static final RedisScript<String> REGISTER = RedisScript.of("""
            local old = redis.call('HGET', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return old or ''
            """, String.class);
    private static final RedisScript<Long> UNREGISTER = RedisScript.of("""
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final LiveNodes liveNodes;

    public DeviceRegistry(ReactiveStringRedisTemplate redis, RedisKeys keys, LiveNodes liveNodes) {
        this.redis = redis;
        this.keys = keys;
        this.liveNodes = liveNodes;
    }

    /** Records the device's connection and returns the one it replaces, if that one is still live. */
    public Mono<Optional<DevicePresence>> register(String groupHex, long deviceId, DevicePresence presence) {
        return redis.execute(REGISTER, List.of(key(groupHex)), List.of(Long.toString(deviceId), presence.encode()))
                .next()
                .map(old -> Optional.ofNullable(DevicePresence.decode(old)).filter(p -> liveNodes.isLive(p.node())))
                .defaultIfEmpty(Optional.empty());
    }

    /** Removes the entry if it is still this connection's; false when a newer connection replaced it. */
    public Mono<Boolean> unregister(String groupHex, long deviceId, DevicePresence presence) {
        return redis.execute(UNREGISTER, List.of(key(groupHex)), List.of(Long.toString(deviceId), presence.encode()))
                .next().map(n -> n > 0).defaultIfEmpty(false);
    }

    /** The connected devices of a group on live nodes. */
    public Mono<Map<Long, DevicePresence>> devices(String groupHex) {
        return redis.<String, String>opsForHash().entries(key(groupHex))
                .collectList()
                .map(entries -> {
                    Map<Long, DevicePresence> devices = new HashMap<>();
                    for (Map.Entry<String, String> e : entries) {
                        DevicePresence p = DevicePresence.decode(e.getValue());
                        if (p != null && liveNodes.isLive(p.node())) {
                            devices.put(Long.parseLong(e.getKey()), p);
                        }
                    }
                    return devices;
                });
    }

    private String key(String groupHex) {
        return keys.key("group:" + groupHex);
    }
}
