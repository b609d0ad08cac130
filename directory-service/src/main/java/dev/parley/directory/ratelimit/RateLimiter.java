package dev.parley.directory.ratelimit;

import dev.parley.directory.persistence.RedisKeys;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, shared by every node: one atomic Lua script reads, refills and takes
 * from the bucket, using the Redis server's clock so nodes with skewed clocks agree.
 */
@Component
public class RateLimiter {

    private static final RedisScript<Long> TAKE = RedisScript.of("""
            local capacity = tonumber(ARGV[1])
            local refill_ms = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil then
              tokens = capacity
              ts = now
            end
            local refill = math.floor((now - ts) / refill_ms)
            if refill > 0 then
              tokens = math.min(capacity, tokens + refill)
              ts = ts + refill * refill_ms
            end
            if tokens >= capacity then
              ts = now
            end
            local allowed = 0
            if tokens > 0 then
              tokens = tokens - 1
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', ts)
            redis.call('PEXPIRE', KEYS[1], capacity * refill_ms)
            return allowed
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;

    public RateLimiter(ReactiveStringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Takes one token from bucket {@code name}, which holds {@code capacity} tokens and gains
     * them back evenly over {@code period}. True when a token was available.
     */
    public Mono<Boolean> tryTake(String name, int capacity, Duration period) {
        long refillMs = Math.max(1, period.toMillis() / capacity);
        return redis.execute(TAKE, List.of(keys.key("ratelimit:" + name)),
                        List.of(Integer.toString(capacity), Long.toString(refillMs)))
                .next()
                .map(result -> result == 1L);
    }
}
