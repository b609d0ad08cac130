package dev.parley.media.ratelimit;

import dev.parley.media.MediaProperties;
import dev.parley.media.persistence.RedisKeys;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Per-client-IP token bucket for uploads, kept in Redis so every node of the service shares it.
 * The whole read-refill-take step is one Lua script (atomic on the Redis server), and it reads
 * the Redis server's clock so nodes with skewed clocks agree.
 *
 * <p>The client IP is the connection's remote address; behind a reverse proxy, configure
 * {@code server.forward-headers-strategy} so that it is the proxy's {@code X-Forwarded-For}.
 */
@Component
public class UploadRateLimiter {

    private static final RedisScript<Long> TAKE = RedisScript.of("""
            local capacity = tonumber(ARGV[1])
            local per_ms = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
            return allowed
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final MediaProperties.RateLimit config;

    public UploadRateLimiter(ReactiveStringRedisTemplate redis, RedisKeys keys, MediaProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.config = properties.rateLimit();
    }

    /** Takes one upload token for the request's client; emits false when the bucket is empty. */
    public Mono<Boolean> tryUpload(ServerHttpRequest request) {
        if (!config.enabled()) {
            return Mono.just(true);
        }
        String client = clientAddress(request.getRemoteAddress());
        double perMillisecond = config.perMinute() / 60_000.0;
        return redis.execute(TAKE, List.of(keys.key("upload-rate:" + client)),
                        List.of(Integer.toString(config.burst()), Double.toString(perMillisecond)))
                .next()
                .map(allowed -> allowed == 1L);
    }

    private static String clientAddress(InetSocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }
}
