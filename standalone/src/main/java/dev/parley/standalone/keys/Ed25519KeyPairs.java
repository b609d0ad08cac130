package dev.parley.standalone.keys;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 key generation, kept apart so the implementation can move to common's crypto. */
final class Ed25519KeyPairs {

    private Ed25519KeyPairs() {
    }

    /** Returns {@code [secret seed, public]}. */
    static byte[][] generate(SecureRandom random) {
        byte[] secret = new byte[Ed25519.SECRET_KEY_SIZE];
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePrivateKey(random, secret);
        Ed25519.generatePublicKey(secret, 0, publicKey, 0);
        return new byte[][] {secret, publicKey};
    }
}
