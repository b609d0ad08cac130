package dev.parley.safe.throttle;

import dev.parley.safe.SafeProperties.Bucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, checked and taken atomically by one Lua script per request, so every
 * service node shares the same budget. The script keys each bucket's state with an expiry of one
 * full refill, so Redis holds a client address no longer than its bucket matters.
 *
 * <p>Under Redis Cluster all keys of one call must share a hash slot: give the key prefix a hash
 * tag such as {@code {safe}:}.
 */
@Component
public class TokenBuckets {

    // Loaded once as text: a resource-backed script would check the resource's modification
    // time on every call.
    private static final RedisScript<Long> SCRIPT = RedisScript.of(load("token-buckets.lua"), Long.class);

    private final ReactiveStringRedisTemplate redis;

    public TokenBuckets(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A key and the bucket configuration that applies to it. */
    public record Claim(String key, Bucket bucket) {
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

    /** Emits {@link Duration#ZERO} when every bucket had a token (now taken), else how long to wait. */
    public Mono<Duration> take(List<Claim> claims) {
        List<String> keys = new ArrayList<>(claims.size());
        List<String> args = new ArrayList<>(claims.size() * 2);
        for (Claim claim : claims) {
            keys.add(claim.key());
            args.add(Integer.toString(claim.bucket().capacity()));
            args.add(Long.toString(Math.max(1, claim.bucket().refillInterval().toNanos() / 1000)));
        }
        return redis.execute(SCRIPT, keys, args)
                .next()
                .map(Duration::ofSeconds);
    }
}
