package dev.parley.directory.linking;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.directory.persistence.RedisKeys;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Pending verifications in Redis, each under a random ID with a TTL. An email verification is
 * taken with GETDEL when confirmed; a phone verification keeps a counter of wrong codes and the
 * number (needed for the voice-call fallback) only until it is confirmed or expires.
 */
@Component
class VerificationStore {

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;

    VerificationStore(ReactiveStringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    static String randomId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(CryptoRandom.bytes(24));
    }

    record Pending(String identity, byte[] hash) {
    }

    Mono<String> putEmail(String identity, byte[] hash, Duration ttl) {
        String id = randomId();
        return redis.opsForValue().set(emailKey(id), identity + ":" + Hex.encode(hash), ttl).thenReturn(id);
    }

    Mono<Pending> peekEmail(String id) {
        return redis.opsForValue().get(emailKey(id)).map(VerificationStore::pending);
    }

    Mono<Pending> takeEmail(String id) {
        return redis.opsForValue().getAndDelete(emailKey(id)).map(VerificationStore::pending);
    }

    record PendingPhone(String identity, byte[] hash, String number, String code, int wrongAttempts, boolean called) {
    }

    Mono<String> putPhone(String identity, byte[] hash, String number, String code, Duration ttl) {
        String id = randomId();
        String key = phoneKey(id);
        Map<String, String> fields = Map.of("identity", identity, "hash", Hex.encode(hash), "number", number,
                "code", code, "wrong", "0", "called", "0");
        return redis.opsForHash().putAll(key, fields).then(redis.expire(key, ttl)).thenReturn(id);
    }

    Mono<PendingPhone> getPhone(String id) {
        return redis.<String, String>opsForHash().entries(phoneKey(id)).collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(map -> map.containsKey("identity"))
                .map(map -> new PendingPhone(map.get("identity"), Hex.decode(map.get("hash")), map.get("number"),
                        map.get("code"), Integer.parseInt(map.get("wrong")), "1".equals(map.get("called"))));
    }

    /** Counts a wrong code; the new count. */
    Mono<Long> wrongCode(String id) {
        return redis.opsForHash().increment(phoneKey(id), "wrong", 1);
    }

    /** Marks the call as placed; true only for the first caller, so each verification calls once. */
    Mono<Boolean> claimCall(String id) {
        return redis.opsForHash().increment(phoneKey(id), "called", 1).map(count -> count == 1L);
    }

    /** Removes the verification; true when this call removed it (so only one confirmation wins). */
    Mono<Boolean> removePhone(String id) {
        return redis.delete(phoneKey(id)).map(count -> count == 1L);
    }

    private static Pending pending(String value) {
        int colon = value.indexOf(':');
        return new Pending(value.substring(0, colon), Hex.decode(value.substring(colon + 1)));
    }

    private String emailKey(String id) {
        return keys.key("verify-email:" + id);
    }

    private String phoneKey(String id) {
        return keys.key("verify-phone:" + id);
    }
}
