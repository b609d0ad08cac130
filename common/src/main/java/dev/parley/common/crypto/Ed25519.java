package dev.parley.common.crypto;

import java.util.Arrays;

/** Ed25519 signatures (RFC 8032, pure variant), e.g. for the OnPrem provisioning document. */
public final class Ed25519 {

    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SECRET_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    private Ed25519() {
    }

    /** An Ed25519 key pair; the secret key is the 32-byte RFC 8032 seed. Never prints the secret. */
    public record KeyPair(byte[] publicKey, byte[] secretKey) {

        public KeyPair {
            publicKey = Checks.length(publicKey, PUBLIC_KEY_BYTES, "Ed25519 public key").clone();
            secretKey = Checks.length(secretKey, SECRET_KEY_BYTES, "Ed25519 secret key").clone();
        }

        public static KeyPair fromSecretKey(byte[] secretKey) {
            return new KeyPair(Ed25519.publicKey(secretKey), secretKey);
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
            return "Ed25519.KeyPair[publicKey=" + dev.parley.common.encoding.Hex.encode(publicKey) + ", secretKey=<redacted>]";
        }
    }

    public static KeyPair generateKeyPair() {
        byte[] secret = new byte[SECRET_KEY_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePrivateKey(CryptoRandom.secureRandom(), secret);
        try {
            return KeyPair.fromSecretKey(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    public static byte[] publicKey(byte[] secretKey) {
        Checks.length(secretKey, SECRET_KEY_BYTES, "Ed25519 secret key");
        byte[] out = new byte[PUBLIC_KEY_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(secretKey, 0, out, 0);
        return out;
    }

    public static byte[] sign(byte[] secretKey, byte[] message) {
        Checks.length(secretKey, SECRET_KEY_BYTES, "Ed25519 secret key");
        Checks.notNull(message, "message");
        byte[] signature = new byte[SIGNATURE_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(secretKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * True only for a valid signature. Malformed input of any kind (wrong lengths, null, a public
     * key that is not a curve point) is simply not a valid signature and yields false.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_BYTES
                || signature == null || signature.length != SIGNATURE_BYTES || message == null) {
            return false;
        }
        try {
            return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
