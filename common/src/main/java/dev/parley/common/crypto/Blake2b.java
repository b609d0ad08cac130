package dev.parley.common.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * BLAKE2b (RFC 7693) with the optional key, salt and personalization of the parameter block.
 * Salt and personal are UTF-8 strings of at most 16 bytes, zero-padded to 16 as the protocol
 * documents specify (BouncyCastle accepts only exactly 16 bytes).
 */
public final class Blake2b {

    public static final int MAX_OUTPUT_BYTES = 64;
    public static final int MAX_KEY_BYTES = 64;
    public static final int PARAMETER_BYTES = 16;
    public static final int DERIVED_KEY_BYTES = 32;

    private Blake2b() {
    }

    /** Unkeyed BLAKE2b with no salt or personalization. */
    public static byte[] hash(int outputLength, byte[] input) {
        return hashRaw(outputLength, null, null, null, input);
    }

    /** Keyed BLAKE2b with no salt or personalization. */
    public static byte[] keyed(int outputLength, byte[] key, byte[] input) {
        return hashRaw(outputLength, key, null, null, input);
    }

    /**
     * The general form. {@code key} may be null or empty for unkeyed hashing; {@code salt} and
     * {@code personal} may be null for "not set" (all-zero in the parameter block).
     */
    public static byte[] hash(int outputLength, byte[] key, String salt, String personal, byte[] input) {
        return hashRaw(outputLength, key, utf8(salt), utf8(personal), input);
    }

    /** As {@link #hash(int, byte[], String, String, byte[])}, with salt and personal as raw bytes (at most 16 each). */
    public static byte[] hashRaw(int outputLength, byte[] key, byte[] salt, byte[] personal, byte[] input) {
        Blake2bDigest digest = digest(outputLength, key, salt, personal);
        if (input != null) {
            digest.update(input, 0, input.length);
        }
        byte[] out = new byte[outputLength];
        digest.doFinal(out, 0);
        return out;
    }

    /** The protocol's key derivation: 32-byte keyed BLAKE2b over empty input. */
    public static byte[] derive(byte[] key, String salt, String personal) {
        return hash(DERIVED_KEY_BYTES, key, salt, personal, null);
    }

    private static Blake2bDigest digest(int outputLength, byte[] key, byte[] salt, byte[] personal) {
        if (outputLength < 1 || outputLength > MAX_OUTPUT_BYTES) {
            throw new CryptoException("BLAKE2b output length must be 1.." + MAX_OUTPUT_BYTES);
        }
        if (key != null && key.length > MAX_KEY_BYTES) {
            throw new CryptoException("BLAKE2b key must be at most " + MAX_KEY_BYTES + " bytes");
        }
        byte[] effectiveKey = key == null || key.length == 0 ? null : key;
        return new Blake2bDigest(effectiveKey, outputLength, pad(salt, "salt"), pad(personal, "personal"));
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pad(byte[] raw, String what) {
        if (raw == null) {
            return null;
        }
        if (raw.length > PARAMETER_BYTES) {
            throw new CryptoException("BLAKE2b " + what + " must be at most " + PARAMETER_BYTES + " bytes");
        }
        byte[] padded = new byte[PARAMETER_BYTES];
        System.arraycopy(raw, 0, padded, 0, raw.length);
        return padded;
    }
}
