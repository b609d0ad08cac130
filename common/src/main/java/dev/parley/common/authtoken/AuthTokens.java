package dev.parley.common.authtoken;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.Hmac;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Issues and verifies HMAC-signed, expiring tokens (layout in the package documentation).
 * Verification needs only the shared secret, and it bounds the token's length before decoding.
 */
public final class AuthTokens {

    /** Shortest accepted secret: a shorter HMAC key would weaken every token. */
    public static final int MIN_SECRET_BYTES = 32;
    /** Longest subject in UTF-8 bytes. */
    public static final int MAX_SUBJECT_BYTES = 128;
    /** Longest token text accepted by {@link #verify}; longer input is rejected before decoding. */
    public static final int MAX_TOKEN_CHARS = (1 + 8 + MAX_SUBJECT_BYTES + 32 + 2) / 3 * 4;

    private static final String TOKEN_SCHEME = "Token ";
    private static final String BLOB_TOKEN_SCHEME = "ThreemaBlobToken ";
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 32;
    private static final int HEADER_BYTES = 1 + 8;
    private static final byte[] LABEL = "parley auth token v1\0".getBytes(StandardCharsets.US_ASCII);

    private AuthTokens() {
    }

    /** A token for {@code subject} that expires {@code ttl} from now. */
    public static String issue(byte[] secret, String subject, Duration ttl) {
        return issue(secret, subject, Instant.now().plus(ttl));
    }

    /** A token for {@code subject} that expires at {@code expiresAt} (whole seconds). */
    public static String issue(byte[] secret, String subject, Instant expiresAt) {
        checkSecret(secret);
        byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
        if (subjectBytes.length == 0 || subjectBytes.length > MAX_SUBJECT_BYTES) {
            throw new IllegalArgumentException("subject must have 1 to " + MAX_SUBJECT_BYTES + " UTF-8 bytes");
        }
        ByteBuffer payload = ByteBuffer.allocate(HEADER_BYTES + subjectBytes.length + MAC_BYTES);
        payload.put(VERSION).putLong(expiresAt.getEpochSecond()).put(subjectBytes);
        byte[] token = payload.array();
        byte[] mac = mac(secret, token, token.length - MAC_BYTES);
        System.arraycopy(mac, 0, token, token.length - MAC_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /**
     * The token's content when its MAC is valid and it has not expired at {@code now}; empty for
     * anything else (malformed, too long, wrong version, forged, expired). The reason is not
     * returned on purpose: callers answer every failure the same way.
     */
    public static Optional<AuthToken> verify(byte[] secret, String token, Instant now) {
        checkSecret(secret);
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < HEADER_BYTES + 1 + MAC_BYTES || raw[0] != VERSION) {
            return Optional.empty();
        }
        int signed = raw.length - MAC_BYTES;
        byte[] expected = mac(secret, raw, signed);
        if (!ConstantTime.equals(expected, 0, raw, signed, MAC_BYTES)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw, 1, signed - 1);
        long expiresAt = buffer.getLong();
        if (now.getEpochSecond() >= expiresAt) {
            return Optional.empty();
        }
        try {
            String subject = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer)
                    .toString();
            return Optional.of(new AuthToken(subject, Instant.ofEpochSecond(expiresAt)));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * Verifies the token of an {@code Authorization: Token <t>} header, the way OnPrem clients send
     * it to the media and Safe servers. Empty for any other scheme, an oversized header, or a token
     * {@link #verify} refuses.
     */
    public static Optional<AuthToken> verifyAuthorization(byte[] secret, String authorization, Instant now) {
        return verifyScheme(TOKEN_SCHEME, secret, authorization, now);
    }

    /** True when the header uses the {@code Token} scheme (case-insensitive), whatever its token. */
    public static boolean isTokenAuthorization(String authorization) {
        return hasScheme(TOKEN_SCHEME, authorization);
    }

    /**
     * As {@link #verifyAuthorization}, for the {@code Authorization: ThreemaBlobToken <t>} header
     * that clients send to the blob server with a token from the directory's {@code identity/blob_cred}.
     */
    public static Optional<AuthToken> verifyBlobAuthorization(byte[] secret, String authorization, Instant now) {
        return verifyScheme(BLOB_TOKEN_SCHEME, secret, authorization, now);
    }

    /** True when the header uses the {@code ThreemaBlobToken} scheme (case-insensitive), whatever its token. */
    public static boolean isBlobTokenAuthorization(String authorization) {
        return hasScheme(BLOB_TOKEN_SCHEME, authorization);
    }

    private static Optional<AuthToken> verifyScheme(String scheme, byte[] secret, String authorization, Instant now) {
        if (!hasScheme(scheme, authorization) || authorization.length() > scheme.length() + MAX_TOKEN_CHARS + 16) {
            return Optional.empty();
        }
        return verify(secret, authorization.substring(scheme.length()).trim(), now);
    }

    private static boolean hasScheme(String scheme, String authorization) {
        return authorization != null && authorization.length() > scheme.length()
                && authorization.regionMatches(true, 0, scheme, 0, scheme.length());
    }

    private static byte[] mac(byte[] secret, byte[] data, int length) {
        byte[] message = new byte[LABEL.length + length];
        System.arraycopy(LABEL, 0, message, 0, LABEL.length);
        System.arraycopy(data, 0, message, LABEL.length, length);
        try {
            return Hmac.sha256(secret, message);
        } finally {
            Arrays.fill(message, (byte) 0);
        }
    }

    private static void checkSecret(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("auth token secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
    }
}
