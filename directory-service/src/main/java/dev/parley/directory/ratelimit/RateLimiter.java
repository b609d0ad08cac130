package dev.parley.directory.ratelimit;

import dev.parley.directory.persistence.RedisKeys;
import dev.parley.service.ratelimit.TokenBuckets;
import dev.parley.service.ratelimit.TokenBuckets.Bucket;
import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The directory's per-identity limits (matches, verifications, revocation attempts) as shared token buckets in Redis. */
@Component
public class RateLimiter {

    private final TokenBuckets buckets;
    private final RedisKeys keys;

    public RateLimiter(ReactiveStringRedisTemplate redis, RedisKeys keys) {
        this.buckets = new TokenBuckets(redis);
        this.keys = keys;
    }

    /**
     * Takes one token from bucket {@code name}, which holds {@code capacity} tokens and gains
     * them back evenly over {@code period}. True when a token was available.
     */
    public Mono<Boolean> tryTake(String name, int capacity, Duration period) {
        return buckets.tryTake(Bucket.refilledOver(keys.key("ratelimit:" + name), capacity, period));
    }
}
