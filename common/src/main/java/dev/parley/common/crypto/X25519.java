package dev.parley.common.crypto;

import java.util.Arrays;

/** X25519 key agreement (RFC 7748) and NaCl's {@code crypto_box_beforenm} on top of it. */
public final class X25519 {

    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SECRET_KEY_BYTES = 32;
    public static final int SHARED_SECRET_BYTES = 32;

    private static final byte[] ZERO_NONCE = new byte[16];

    private X25519() {
    }

    /** An X25519 key pair. Both arrays are copied in and out; {@link #toString()} never shows the secret. */
    public record KeyPair(byte[] publicKey, byte[] secretKey) {

        public KeyPair {
            publicKey = Checks.length(publicKey, PUBLIC_KEY_BYTES, "X25519 public key").clone();
            secretKey = Checks.length(secretKey, SECRET_KEY_BYTES, "X25519 secret key").clone();
        }

        /** Rebuilds the pair from its secret key alone. */
        public static KeyPair fromSecretKey(byte[] secretKey) {
            return new KeyPair(X25519.publicKey(secretKey), secretKey);
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] secretKey() {
            return secretKey.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyPair that
                    && Arrays.equals(publicKey, that.publicKey)
                    && ConstantTime.equals(secretKey, that.secretKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(publicKey);
        }

        @Override
        public String toString() {
            return "X25519.KeyPair[publicKey=" + dev.parley.common.encoding.Hex.encode(publicKey) + ", secretKey=<redacted>]";
        }
    }

    public static KeyPair generateKeyPair() {
        byte[] secret = new byte[SECRET_KEY_BYTES];
        org.bouncycastle.math.ec.rfc7748.X25519.generatePrivateKey(CryptoRandom.secureRandom(), secret);
        try {
            return new KeyPair(publicKey(secret), secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The public key for a secret key; the secret is clamped internally, as RFC 7748 requires. */
    public static byte[] publicKey(byte[] secretKey) {
        Checks.length(secretKey, SECRET_KEY_BYTES, "X25519 secret key");
        byte[] out = new byte[PUBLIC_KEY_BYTES];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(secretKey, 0, out, 0);
        return out;
    }

    /**
     * The raw X25519 output. Fails for peer keys of small order, whose result is all zero and
     * would let an attacker force a known shared secret.
     */
    public static byte[] sharedSecret(byte[] secretKey, byte[] publicKey) {
        Checks.length(secretKey, SECRET_KEY_BYTES, "X25519 secret key");
        Checks.length(publicKey, PUBLIC_KEY_BYTES, "X25519 public key");
        byte[] out = new byte[SHARED_SECRET_BYTES];
        if (!org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(secretKey, 0, publicKey, 0, out, 0)) {
            throw new CryptoException("X25519 shared secret is all zero (low-order public key)");
        }
        return out;
    }

    /**
     * NaCl {@code crypto_box_beforenm}: HSalsa20 of the X25519 shared secret with a zero nonce.
     * This is the key written {@code X25519HSalsa20(a, B)} in the protocol documents, and the
     * symmetric key of every {@link Box} between the two parties.
     */
    public static byte[] beforenm(byte[] secretKey, byte[] publicKey) {
        byte[] shared = sharedSecret(secretKey, publicKey);
        try {
            return HSalsa20.derive(shared, ZERO_NONCE);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }
}
