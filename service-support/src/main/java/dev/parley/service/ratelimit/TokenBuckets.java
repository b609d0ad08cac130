package dev.parley.service.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, checked and taken atomically by one Lua script per request, so every
 * node of a service shares the same budget. The script reads the Redis server's clock, so nodes
 * with skewed clocks agree, and keys each bucket's state with an expiry of one full refill, so
 * Redis holds a client address no longer than its bucket matters.
 *
 * <p>Under Redis Cluster all keys of one call must share a hash slot: give the key prefix a hash
 * tag such as {@code {safe}:}.
 */
public final class TokenBuckets {

    // Loaded once as text: a resource-backed script would check the resource's modification
    // time on every call.
    private static final RedisScript<Long> SCRIPT = RedisScript.of(load("token-buckets.lua"), Long.class);

    private final ReactiveStringRedisTemplate redis;

    public TokenBuckets(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * One bucket: its Redis key, how many tokens it holds when full, and how long it takes to
     * gain one token back.
     */
    public record Bucket(String key, int capacity, Duration refillInterval) {

        public Bucket {
            if (capacity < 1 || refillInterval.isNegative() || refillInterval.isZero()) {
                throw new IllegalArgumentException("a bucket needs a capacity and a positive refill interval");
            }
        }

        /** A bucket that refills completely, evenly, over {@code period}. */
        public static Bucket refilledOver(String key, int capacity, Duration period) {
            return new Bucket(key, capacity, period.dividedBy(capacity));
        }
    }

    /** Emits {@link Duration#ZERO} when every bucket had a token (now taken from each), else how long to wait. */
    public Mono<Duration> take(List<Bucket> buckets) {
        List<String> keys = new ArrayList<>(buckets.size());
        List<String> args = new ArrayList<>(buckets.size() * 2);
        for (Bucket bucket : buckets) {
            keys.add(bucket.key());
            args.add(Integer.toString(bucket.capacity()));
            args.add(Long.toString(Math.max(1, bucket.refillInterval().toNanos() / 1000)));
        }
        return redis.execute(SCRIPT, keys, args)
                .next()
                .map(Duration::ofSeconds);
    }

    /** Takes a token from one bucket: true when it had one. */
    public Mono<Boolean> tryTake(Bucket bucket) {
        return take(List.of(bucket)).map(Duration::isZero);
    }

    private static String load(String name) {
        try (InputStream in = TokenBuckets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
