package dev.parley.directory.oppf;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 public-key derivation, kept apart so the implementation can move to common's crypto. */
final class Ed25519PublicKeys {

    private Ed25519PublicKeys() {
    }

    static byte[] fromSecret(byte[] secret) {
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(secret, 0, publicKey, 0);
        return publicKey;
    }
}
