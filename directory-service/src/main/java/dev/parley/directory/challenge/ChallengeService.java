package dev.parley.directory.challenge;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.persistence.RedisKeys;
import java.time.Duration;
import java.util.Base64;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Issues and checks directory challenges (PROTOCOLS.md §1.2). A challenge is a random token and
 * a fresh X25519 key pair per request; Redis keeps the key's secret with the endpoint, realm and
 * subject (identity or new public key) it was issued for, under a short TTL. Checking takes the
 * entry with an atomic GETDEL, so a token answers at most once, and only for the endpoint and
 * subject it was issued for. The key pair is ephemeral and worthless after the TTL.
 */
@Service
public class ChallengeService {

    static final int TOKEN_BYTES = 32;

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final Duration ttl;

    public ChallengeService(ReactiveStringRedisTemplate redis, RedisKeys keys, DirectoryProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.ttl = properties.challenge().ttl();
    }

    /** A new challenge for {@code endpoint} and {@code subject}. */
    public Mono<Challenge> issue(DirectoryRealm realm, String endpoint, String subject) {
        byte[] token = CryptoRandom.bytes(TOKEN_BYTES);
        X25519.KeyPair keyPair = X25519.generateKeyPair();
        String entry = realm.name() + "\n" + endpoint + "\n" + subject + "\n" + Hex.encode(keyPair.secretKey());
        return redis.opsForValue().set(redisKey(token), entry, ttl)
                .thenReturn(new Challenge(token, keyPair.publicKey()));
    }

    /**
     * Consumes the token and checks the response against {@code publicKey}. Completes empty
     * when the token is valid for this endpoint and subject and the response is right; errors
     * with {@link ChallengeFailedException} otherwise (unknown, expired, used or rebound token,
     * wrong response).
     */
    public Mono<Void> verify(DirectoryRealm realm, String endpoint, String subject, byte[] publicKey,
                             byte[] token, byte[] response) {
        if (token.length != TOKEN_BYTES) {
            return Mono.error(new ChallengeFailedException(ChallengeFailedException.Reason.INVALID_TOKEN));
        }
        return redis.opsForValue().getAndDelete(redisKey(token))
                .switchIfEmpty(Mono.error(new ChallengeFailedException(ChallengeFailedException.Reason.EXPIRED)))
                .flatMap(entry -> {
                    String[] parts = entry.split("\n", 4);
                    if (parts.length != 4 || !parts[0].equals(realm.name()) || !parts[1].equals(endpoint)
                            || !parts[2].equals(subject)) {
                        return Mono.error(new ChallengeFailedException(ChallengeFailedException.Reason.INVALID_TOKEN));
                    }
                    byte[] secret = Hex.decode(parts[3]);
                    byte[] expected = ProtocolKeys.directoryChallengeResponse(secret, publicKey, realm, token);
                    if (response.length != expected.length || !ConstantTime.equals(expected, response)) {
                        return Mono.error(new ChallengeFailedException(ChallengeFailedException.Reason.WRONG_RESPONSE));
                    }
                    return Mono.<Void>empty();
                });
    }

    private String redisKey(byte[] token) {
        return keys.key("challenge:" + Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    /** The token and the public half of its key, as sent to the client. */
    public record Challenge(byte[] token, byte[] publicKey) {
    }
}
