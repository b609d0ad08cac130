package dev.parley.media.ratelimit;

import dev.parley.media.MediaProperties;
import dev.parley.media.persistence.RedisKeys;
import dev.parley.service.ratelimit.TokenBuckets;
import dev.parley.service.ratelimit.TokenBuckets.Bucket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Per-client-IP token bucket for uploads, kept in Redis (the shared {@link TokenBuckets}) so every
 * node of the service shares it.
 *
 * <p>The client IP is the connection's remote address; behind a reverse proxy, configure
 * {@code server.forward-headers-strategy} so that it is the proxy's {@code X-Forwarded-For}.
 */
@Component
public class UploadRateLimiter {

    private final TokenBuckets buckets;
    private final RedisKeys keys;
    private final MediaProperties.RateLimit config;

    public UploadRateLimiter(ReactiveStringRedisTemplate redis, RedisKeys keys, MediaProperties properties) {
        this.buckets = new TokenBuckets(redis);
        this.keys = keys;
        this.config = properties.rateLimit();
    }

    /** Takes one upload token for the request's client; emits false when the bucket is empty. */
    public Mono<Boolean> tryUpload(ServerHttpRequest request) {
        if (!config.enabled()) {
            return Mono.just(true);
        }
        String client = clientAddress(request.getRemoteAddress());
        Duration refill = Duration.ofNanos(Math.max(1, 60_000_000_000L / config.perMinute()));
        return buckets.tryTake(new Bucket(keys.key("upload-rate:" + client), config.burst(), refill));
    }

    private static String clientAddress(InetSocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }
}
