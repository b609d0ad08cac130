package dev.parley.service.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret callers of an internal API present as {@code Authorization: Bearer <secret>}.
 * Both sides are hashed before the comparison, so its time depends neither on where a guess
 * first differs nor on the secret's length.
 */
public final class BearerSecret {

    private final byte[] expected;

    public BearerSecret(String apiSecret) {
        if (apiSecret == null || apiSecret.isEmpty()) {
            throw new IllegalArgumentException("API secret missing");
        }
        this.expected = digest("Bearer " + apiSecret);
    }

    /** Whether the {@code Authorization} header (null when absent) carries the secret. */
    public boolean accepts(String authorization) {
        return authorization != null && MessageDigest.isEqual(digest(authorization), expected);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerSecret[<redacted>]";
    }
}
