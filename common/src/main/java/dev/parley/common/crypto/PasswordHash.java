package dev.parley.common.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/** Password-based key derivation: scrypt (RFC 7914) and PBKDF2-HMAC-SHA256 (RFC 8018). */
public final class PasswordHash {

    private PasswordHash() {
    }

    /** scrypt with cost {@code n} (a power of two above 1), block size {@code r}, parallelism {@code p}. */
    public static byte[] scrypt(byte[] password, byte[] salt, int n, int r, int p, int length) {
        Checks.notNull(password, "password");
        Checks.notNull(salt, "salt");
        if (length < 1) {
            throw new CryptoException("scrypt output length must be positive");
        }
        try {
            return SCrypt.generate(password, salt, n, r, p, length);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("invalid scrypt parameters: " + e.getMessage(), e);
        }
    }

    public static byte[] pbkdf2Sha256(byte[] password, byte[] salt, int iterations, int length) {
        Checks.notNull(password, "password");
        Checks.notNull(salt, "salt");
        if (iterations < 1 || length < 1) {
            throw new CryptoException("PBKDF2 iterations and length must be positive");
        }
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password, salt, iterations);
        return ((KeyParameter) generator.generateDerivedMacParameters(length * 8)).getKey();
    }
}
