package dev.parley.common.codec;

/**
 * Small helpers shared by the codec records: argument checks for encoders and constructors, and
 * a redacted rendering of byte fields for {@code toString()}. Records never print their byte
 * contents because those are keys, cookies, tokens or ciphertext (DESIGN.md: secrets never reach
 * logs).
 */
public final class Bytes {

    private Bytes() {
    }

    /** Checks a fixed-size field of a record under construction; a programming error otherwise. */
    public static byte[] requireLength(byte[] value, int length, String what) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
        return value;
    }

    /** Checks a variable-size field of a record under construction. */
    public static byte[] requireLength(byte[] value, int min, int max, String what) {
        if (value == null || value.length < min || value.length > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + " bytes");
        }
        return value;
    }

    /** {@code "<n bytes>"}: what a record's {@code toString()} shows instead of the content. */
    public static String describe(byte[] value) {
        return value == null ? "null" : "<" + value.length + " bytes>";
    }

    public static boolean allZero(byte[] value, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (value[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
