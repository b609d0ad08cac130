package dev.parley.standalone.keys;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 key generation, kept apart so the implementation can move to common's crypto. */
final class X25519KeyPairs {

    private X25519KeyPairs() {
    }

    /** Returns {@code [secret, public]}. */
    static byte[][] generate(SecureRandom random) {
        byte[] secret = new byte[X25519.SCALAR_SIZE];
        byte[] publicKey = new byte[X25519.POINT_SIZE];
        X25519.generatePrivateKey(random, secret);
        X25519.generatePublicKey(secret, 0, publicKey, 0);
        return new byte[][] {secret, publicKey};
    }
}
