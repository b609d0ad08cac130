package dev.parley.directory.authtoken;

import dev.parley.common.crypto.Hmac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * HMAC-SHA256-signed tokens: base64url without padding of
 * {@code 0x01 || expiry (u64 big-endian Unix seconds) || subject (UTF-8) || mac}, where
 * {@code mac = HMAC-SHA256(secret, "parley auth token v1\0" || everything before the mac)}.
 * A verifier needs only the shared secret.
 */
public final class HmacAuthTokenIssuer implements AuthTokenIssuer {

    static final byte VERSION = 1;
    static final int MAC_BYTES = 32;
    static final byte[] LABEL = "parley auth token v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SUBJECT_BYTES = 128;

    private final byte[] secret;

    public HmacAuthTokenIssuer(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("auth token secret needs at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    @Override
    public String issue(String subject, Instant expiresAt) {
        byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
        if (subjectBytes.length == 0 || subjectBytes.length > MAX_SUBJECT_BYTES) {
            throw new IllegalArgumentException("subject must have 1 to " + MAX_SUBJECT_BYTES + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(1 + 8 + subjectBytes.length);
        body.put(VERSION).putLong(expiresAt.getEpochSecond()).put(subjectBytes);
        byte[] signed = body.array();
        byte[] mac = Hmac.sha256(secret, ByteBuffer.allocate(LABEL.length + signed.length).put(LABEL).put(signed).array());
        byte[] token = ByteBuffer.allocate(signed.length + MAC_BYTES).put(signed).put(mac).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }
}
