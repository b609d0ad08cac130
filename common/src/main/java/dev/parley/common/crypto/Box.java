package dev.parley.common.crypto;

import java.util.Arrays;

/**
 * NaCl {@code crypto_box}: a {@link SecretBox} under the key {@link X25519#beforenm}. Whoever
 * exchanges more than one box with the same peer should {@link #precompute} once and keep the
 * returned {@link SecretBox}: the X25519 step costs far more than sealing a small message.
 */
public final class Box {

    public static final int NONCE_BYTES = SecretBox.NONCE_BYTES;
    public static final int MAC_BYTES = SecretBox.MAC_BYTES;

    private Box() {
    }

    public static byte[] seal(byte[] ownSecretKey, byte[] peerPublicKey, byte[] nonce, byte[] plaintext) {
        return precomputeAndRun(ownSecretKey, peerPublicKey, box -> box.seal(nonce, plaintext));
    }

    public static byte[] open(byte[] ownSecretKey, byte[] peerPublicKey, byte[] nonce, byte[] box) {
        return precomputeAndRun(ownSecretKey, peerPublicKey, b -> b.open(nonce, box));
    }

    /** NaCl {@code crypto_box_beforenm} wrapped in a reusable {@link SecretBox}. */
    public static SecretBox precompute(byte[] ownSecretKey, byte[] peerPublicKey) {
        byte[] key = X25519.beforenm(ownSecretKey, peerPublicKey);
        try {
            return SecretBox.withKey(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] precomputeAndRun(byte[] secret, byte[] peer, java.util.function.Function<SecretBox, byte[]> op) {
        SecretBox box = precompute(secret, peer);
        try {
            return op.apply(box);
        } finally {
            box.destroy();
        }
    }
}
