package dev.parley.directory.revocation;

import dev.parley.directory.persistence.RedisKeys;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Announces revocations on the Redis pub/sub channel {@code <key-prefix>identity-revoked}
 * (default {@code directory:identity-revoked}); the message is the revoked identity's ID.
 * Services that cache keys from the internal lookup drop the entry when they see it.
 */
@Component
public class RevocationEvents {

    public static final String CHANNEL = "identity-revoked";

    private final ReactiveStringRedisTemplate redis;
    private final String channel;

    public RevocationEvents(ReactiveStringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.channel = keys.key(CHANNEL);
    }

    public String channel() {
        return channel;
    }

    public Mono<Long> published(String identity) {
        return redis.convertAndSend(channel, identity);
    }
}
