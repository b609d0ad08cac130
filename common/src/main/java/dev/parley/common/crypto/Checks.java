package dev.parley.common.crypto;

/** Argument checks that fail with {@link CryptoException} instead of index errors deep inside a cipher. */
final class Checks {

    private Checks() {
    }

    static byte[] length(byte[] value, int expected, String what) {
        if (value == null || value.length != expected) {
            throw new CryptoException(what + " must be " + expected + " bytes");
        }
        return value;
    }

    static byte[] notNull(byte[] value, String what) {
        if (value == null) {
            throw new CryptoException(what + " is missing");
        }
        return value;
    }

    static void range(byte[] array, int offset, int length, String what) {
        if (array == null || offset < 0 || length < 0 || offset > array.length - length) {
            throw new CryptoException(what + " range is outside its array");
        }
    }
}
