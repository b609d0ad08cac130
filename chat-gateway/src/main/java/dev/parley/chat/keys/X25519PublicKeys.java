package dev.parley.chat.keys;

import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 public-key derivation, kept apart so the implementation can move to common's crypto. */
final class X25519PublicKeys {

    private X25519PublicKeys() {
    }

    static byte[] fromSecret(byte[] secret) {
        byte[] publicKey = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(secret, 0, publicKey, 0);
        return publicKey;
    }
}
