package dev.parley.pushrelay.apns;

import dev.parley.pushrelay.push.Jwt;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider authentication token for APNs: an ES256 JWT with {@code kid} and {@code iss}/{@code iat}.
 * Apple rejects tokens older than an hour and also tokens renewed more often than every 20 minutes,
 * so one token is reused for {@link #LIFETIME}.
 */
public final class ApnsTokenSigner {

    static final Duration LIFETIME = Duration.ofMinutes(50);

    private record Signed(String jwt, Instant issuedAt) {
    }

    private final PrivateKey key;
    private final String keyId;
    private final String teamId;
    private final Clock clock;
    private volatile Signed current;

    public ApnsTokenSigner(PrivateKey key, String keyId, String teamId, Clock clock) {
        this.key = key;
        this.keyId = keyId;
        this.teamId = teamId;
        this.clock = clock;
    }

    public String token() {
        Signed signed = current;
        Instant now = clock.instant();
        if (signed != null && now.isBefore(signed.issuedAt().plus(LIFETIME)) && !now.isBefore(signed.issuedAt())) {
            return signed.jwt();
        }
        return renew(now);
    }

    /** Drops the token after APNs called it expired or invalid, so the next push signs a new one. */
    public synchronized void invalidate(String jwt) {
        Signed signed = current;
        if (signed != null && signed.jwt().equals(jwt)) {
            current = null;
        }
    }

    private synchronized String renew(Instant now) {
        Signed signed = current;
        if (signed != null && now.isBefore(signed.issuedAt().plus(LIFETIME)) && !now.isBefore(signed.issuedAt())) {
            return signed.jwt();
        }
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("alg", "ES256").put("kid", keyId);
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("iss", teamId).put("iat", now.getEpochSecond());
        String jwt = Jwt.sign(header, claims, key);
        current = new Signed(jwt, now);
        return jwt;
    }
}
