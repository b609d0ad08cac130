package dev.parley.common.crypto;

import java.security.SecureRandom;

/**
 * The process-wide source of key material and nonces. One instance: {@link SecureRandom} is
 * thread-safe, and seeding a fresh one per call wastes entropy and time.
 */
public final class CryptoRandom {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptoRandom() {
    }

    public static byte[] bytes(int length) {
        if (length < 0) {
            throw new CryptoException("negative length");
        }
        byte[] out = new byte[length];
        RANDOM.nextBytes(out);
        return out;
    }

    public static void fill(byte[] target) {
        RANDOM.nextBytes(target);
    }

    /** For BouncyCastle key generators that take a {@link SecureRandom}. */
    static SecureRandom secureRandom() {
        return RANDOM;
    }
}
