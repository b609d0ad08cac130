package dev.parley.common.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * NaCl {@code crypto_secretbox}: XSalsa20-Poly1305 with the 16-byte MAC in front of the
 * ciphertext ({@code crypto_secretbox_easy} layout). The first 32 bytes of the XSalsa20 key
 * stream become the one-time Poly1305 key, and the message is XORed with the stream from byte
 * 32 on.
 *
 * <p>The static methods are for occasional use. Hot paths (one box per frame) hold an instance
 * bound to one key: it keeps its key stream, MAC and parameter objects and seals into a
 * caller-supplied array, so a seal or open allocates nothing. An instance is not thread-safe;
 * use one per connection or per thread.
 */
public final class SecretBox {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 24;
    public static final int MAC_BYTES = 16;

    private static final byte[] ZERO32 = new byte[32];

    private final XSalsa20Stream stream;
    private final Poly1305 mac = new Poly1305();
    // KeyParameter hands out its internal array rather than a copy, so each box's one-time
    // MAC key is written into it in place instead of allocating a parameter object per call.
    private final KeyParameter macKeyParams = new KeyParameter(new byte[32]);
    private final byte[] macKeySlot = macKeyParams.getKey();
    private final byte[] tag = new byte[MAC_BYTES];

    private SecretBox(byte[] key) {
        Checks.length(key, KEY_BYTES, "secretbox key");
        this.stream = new XSalsa20Stream(key);
    }

    /** A reusable box bound to {@code key} (copied). */
    public static SecretBox withKey(byte[] key) {
        return new SecretBox(key);
    }

    public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
        return new SecretBox(key).seal(nonce, plaintext);
    }

    public static byte[] open(byte[] key, byte[] nonce, byte[] box) {
        return new SecretBox(key).open(nonce, box);
    }

    public byte[] seal(byte[] nonce, byte[] plaintext) {
        Checks.notNull(plaintext, "plaintext");
        byte[] out = new byte[plaintext.length + MAC_BYTES];
        seal(nonce, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    public byte[] open(byte[] nonce, byte[] box) {
        Checks.notNull(box, "box");
        if (box.length < MAC_BYTES) {
            throw new AuthenticationException("box is shorter than its MAC");
        }
        byte[] out = new byte[box.length - MAC_BYTES];
        open(nonce, box, 0, box.length, out, 0);
        return out;
    }

    /**
     * Seals {@code length} bytes of {@code in} at {@code inOff} and writes MAC then ciphertext,
     * {@code length + 16} bytes, to {@code out} at {@code outOff}. Sealing in place works when the
     * plaintext sits 16 bytes after {@code outOff} in the same array; other overlaps do not.
     *
     * @return the number of bytes written
     */
    public int seal(byte[] nonce, byte[] in, int inOff, int length, byte[] out, int outOff) {
        Checks.range(in, inOff, length, "plaintext");
        Checks.range(out, outOff, length + MAC_BYTES, "output");
        startStream(nonce);
        stream.xor(in, inOff, length, out, outOff + MAC_BYTES);
        mac.update(out, outOff + MAC_BYTES, length);
        mac.doFinal(out, outOff);
        return length + MAC_BYTES;
    }

    /**
     * Opens the box of {@code length} bytes (MAC then ciphertext) at {@code inOff} and writes
     * {@code length - 16} plaintext bytes to {@code out} at {@code outOff}. Nothing is written
     * unless the MAC verifies. Opening in place works with {@code outOff == inOff + 16} in the
     * same array.
     *
     * @return the plaintext length
     * @throws AuthenticationException when the box is shorter than 16 bytes or its MAC is wrong
     */
    public int open(byte[] nonce, byte[] in, int inOff, int length, byte[] out, int outOff) {
        Checks.range(in, inOff, length, "box");
        if (length < MAC_BYTES) {
            throw new AuthenticationException("box is shorter than its MAC");
        }
        int plainLength = length - MAC_BYTES;
        Checks.range(out, outOff, plainLength, "output");
        startStream(nonce);
        mac.update(in, inOff + MAC_BYTES, plainLength);
        mac.doFinal(tag, 0);
        if (!ConstantTime.equals(tag, 0, in, inOff, MAC_BYTES)) {
            throw new AuthenticationException("box authentication failed");
        }
        stream.xor(in, inOff + MAC_BYTES, plainLength, out, outOff);
        return plainLength;
    }

    /** Keys the stream for {@code nonce} and keys the MAC with the stream's first 32 bytes. */
    private void startStream(byte[] nonce) {
        Checks.length(nonce, NONCE_BYTES, "secretbox nonce");
        stream.start(nonce);
        stream.xor(ZERO32, 0, 32, macKeySlot, 0);
        mac.init(macKeyParams);
        Arrays.fill(macKeySlot, (byte) 0);
    }

    /** Overwrites the key held by this instance; it must not be used afterwards. */
    public void destroy() {
        stream.destroy();
        Arrays.fill(macKeySlot, (byte) 0);
    }
}
