package dev.parley.common.csp.frame;

import dev.parley.common.codec.DecodeException;

/**
 * The nonces of one direction of a CSP connection (PROTOCOLS.md §5.1): the direction's 16-byte
 * cookie followed by a u64-le sequence number that starts at 1 and grows by one per box. The
 * server and the client each keep one per direction; a gap or a repeat is impossible by
 * construction, so a box that does not open under the next nonce is a protocol violation.
 *
 * <p>Not thread-safe: a connection's direction is driven by one thread.
 */
public final class CspNonceSequence {

    public static final int COOKIE_LENGTH = 16;
    public static final int NONCE_LENGTH = 24;

    private final byte[] nonce = new byte[NONCE_LENGTH];
    private long next = 1;

    public CspNonceSequence(byte[] cookie) {
        if (cookie.length != COOKIE_LENGTH) {
            throw new IllegalArgumentException("CSP cookie must have " + COOKIE_LENGTH + " bytes");
        }
        System.arraycopy(cookie, 0, nonce, 0, COOKIE_LENGTH);
    }

    /**
     * The next nonce; the returned array is reused by the following call, so use it before
     * asking again.
     */
    public byte[] next() {
        if (next == 0) {
            // 2^64 boxes on one connection cannot happen; refuse rather than repeat a nonce.
            throw new DecodeException("CSP nonce sequence exhausted");
        }
        long value = next++;
        for (int i = 0; i < 8; i++) {
            nonce[COOKIE_LENGTH + i] = (byte) (value >>> (8 * i));
        }
        return nonce;
    }

    /** The sequence number the next nonce will carry. */
    public long peek() {
        return next;
    }
}
