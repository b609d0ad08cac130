package dev.parley.common.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The RFC 8439 AEAD: 32-byte key, 12-byte nonce, ciphertext followed by a 16-byte tag. Used by
 * the device-linking (rendezvous) handshake.
 */
public final class ChaCha20Poly1305 {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    private ChaCha20Poly1305() {
    }

    /** Returns ciphertext || tag. {@code aad} may be null. */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        Checks.notNull(plaintext, "plaintext");
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 aead = init(true, key, nonce, aad);
        byte[] out = new byte[plaintext.length + TAG_BYTES];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("ChaCha20-Poly1305 encryption failed", e);
        }
        return out;
    }

    /** Opens ciphertext || tag; throws {@link AuthenticationException} unless the tag verifies. */
    public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        Checks.notNull(sealed, "ciphertext");
        if (sealed.length < TAG_BYTES) {
            throw new AuthenticationException("ciphertext is shorter than its tag");
        }
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 aead = init(false, key, nonce, aad);
        // BouncyCastle decrypts while it reads; on a bad tag the buffer is dropped, never returned.
        byte[] out = new byte[sealed.length - TAG_BYTES];
        int n = aead.processBytes(sealed, 0, sealed.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new AuthenticationException("ChaCha20-Poly1305 authentication failed");
        }
        return out;
    }

    private static org.bouncycastle.crypto.modes.ChaCha20Poly1305 init(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
        Checks.length(key, KEY_BYTES, "ChaCha20-Poly1305 key");
        Checks.length(nonce, NONCE_BYTES, "ChaCha20-Poly1305 nonce");
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 aead = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
        aead.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, aad));
        return aead;
    }
}
