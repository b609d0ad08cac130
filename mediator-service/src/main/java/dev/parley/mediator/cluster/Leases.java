package dev.parley.mediator.cluster;

import dev.parley.mediator.persistence.RedisKeys;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Exclusive, expiring leases in Redis for the two things a group may have only one of at a
 * time across all nodes: its leader ({@code leader:<DGID>}) and its transaction
 * ({@code transaction:<DGID>}). Granting is one atomic SET NX, so two nodes never both grant a
 * lease; each grant also takes the next fencing number of the lease, and renewing, committing
 * and releasing all compare the holder's value first, so a holder whose lease ran out (and was
 * granted to someone else) can no longer act on it.
 */
@Component
public class Leases {

    /** Returns "G:<fence>" when granted, "H:<current holder>" when held by someone else. */
    private static final RedisScript<String> ACQUIRE = RedisScript.of("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return 'G:' .. redis.call('INCR', KEYS[2])
            end
            return 'H:' .. (redis.call('GET', KEYS[1]) or '')
            """, String.class);
    private static final RedisScript<Long> RENEW = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """, Long.class);
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """, Long.class);

    /** The outcome of asking for a lease. */
    public record Grant(long fence, String holder) {
        public boolean granted() {
            return fence > 0;
        }
    }

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;

    public Leases(ReactiveStringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Mono<Grant> acquire(String kind, String groupHex, String holder, Duration ttl) {
        return redis.execute(ACQUIRE, List.of(key(kind, groupHex), key(kind + "-fence", groupHex)),
                        List.of(holder, Long.toString(Math.max(1, ttl.toMillis()))))
                .next()
                .map(reply -> reply.startsWith("G:") ? new Grant(Long.parseLong(reply.substring(2)), "")
                        : new Grant(0, reply.substring(2)));
    }

    /** Extends the lease if {@code holder} still holds it. */
    public Mono<Boolean> renew(String kind, String groupHex, String holder, Duration ttl) {
        return redis.execute(RENEW, List.of(key(kind, groupHex)), List.of(holder, Long.toString(ttl.toMillis())))
                .next().map(n -> n > 0).defaultIfEmpty(false);
    }

    /** Ends the lease if {@code holder} still holds it; true when it did. */
    public Mono<Boolean> release(String kind, String groupHex, String holder) {
        return redis.execute(RELEASE, List.of(key(kind, groupHex)), List.of(holder))
                .next().map(n -> n > 0).defaultIfEmpty(false);
    }

    public Mono<Boolean> isHeld(String kind, String groupHex) {
        return redis.hasKey(key(kind, groupHex));
    }

    private String key(String kind, String groupHex) {
        return keys.key(kind + ":" + groupHex);
    }
}
